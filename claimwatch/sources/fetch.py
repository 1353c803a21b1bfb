"""Fetching feeds and pages over HTTP without being turned against the network we run in.

Every hop of a fetch (the URL, then each redirect) is checked before a packet leaves:
- only http and https;
- the host name is resolved once, by a resolver the fetcher is given (tests inject one),
  and every address must be public: loopback, private, link-local (169.254.169.254, the
  cloud metadata address, among them), shared (100.64/10), multicast, reserved and
  unspecified addresses are refused, unless the operator allows the host by name or
  address in ``CLAIMWATCH_ALLOW_HOSTS``; an IPv6 address that carries an IPv4 one
  (IPv4-mapped, 6to4 2002::/16, Teredo 2001::/32, NAT64 64:ff9b::/96) is judged by that
  IPv4 address too, since a relay or translator delivers it there;
- the connection goes to the address that was checked (the name is kept for the Host
  header and for TLS: SNI and certificate checks), so a second DNS answer cannot swap in
  a private address.

Limits: a connect/read timeout and a deadline for the whole response, a maximum size (the
body stops being read beyond it, counted after gzip or deflate are undone, which is done
here a bounded step at a time), a maximum number of redirects, two connections per host,
a User-Agent that says who we are. Conditional GET (ETag, Last-Modified) comes from httpx
and the caller's validators.

Errors (:class:`FetchError`, with ``kind``): ``refused`` (scheme or address not allowed),
``network`` (DNS, connect, TLS, reset), ``timeout``, ``http`` (4xx/5xx), ``too_large``,
``redirects``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from urllib.parse import urljoin

import httpx

from claimwatch.errors import FetchError

Resolver = Callable[[str, int], Awaitable[list[str]]]
USER_AGENT = f"claimwatch/{version('claimwatch')} (news claim and denial tracker; a bot)"
_SHARED = ipaddress.ip_network("100.64.0.0/10")
# RFC 6052's well-known prefix: a translator sends 64:ff9b::a.b.c.d to a.b.c.d. (Its
# local-use sibling 64:ff9b:1::/48 routes wherever the operator set it up: not public.)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    deadline: float = 45.0  # the whole response, however slowly it trickles
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host: int = 2


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 for not modified
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        charset = "utf-8"
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"'")
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def static_resolver(table: dict[str, str], fallback: Resolver | None = None) -> Resolver:
    """Names answered from ``table`` (like curl --resolve), others by ``fallback``."""

    async def resolve(host: str, port: int) -> list[str]:
        if host.lower() in table:
            return [table[host.lower()]]
        if fallback is None:
            raise OSError(f"no address for {host}")
        return await fallback(host, port)

    return resolve


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _is_public_ip(ip.ipv4_mapped)
        if ip in _NAT64:  # ::/8, reserved as a whole; the embedded address decides
            return _is_public_ip(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if not all(_is_public_ip(v4) for v4 in _embedded_ipv4(ip)):
            return False
    return _is_public_ip(ip)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses a 6to4 (the relay's) or Teredo (server and client) address
    carries; Python's tables call 2002::/16 global whatever IPv4 address is inside."""
    found = [ip.sixtofour] if ip.sixtofour is not None else []
    return found + list(ip.teredo or ())


def _is_public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED)
    )


def parse_allow_hosts(value: str | Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)
    return frozenset(i.strip().lower().strip("[]") for i in items if i.strip())


class Fetcher:
    """One per process; close with :meth:`aclose` (or ``async with``)."""

    def __init__(
        self,
        *,
        allow_hosts: Iterable[str] = (),
        resolver: Resolver = system_resolver,
        limits: Limits | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.allow = parse_allow_hosts(allow_hosts)
        self.resolver = resolver
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(
                self.limits.read_timeout, connect=self.limits.connect_timeout, pool=None
            ),
            follow_redirects=False,
            trust_env=False,  # no proxies from the environment: the checks above must hold
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
            transport=transport,
        )
        self._slots: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def check(self, url: str) -> tuple[httpx.URL, str]:
        """The URL and the checked address to connect to, or FetchError("refused")."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise FetchError("refused", f"not a valid URL: {url[:200]}") from None
        if parsed.scheme not in {"http", "https"}:
            raise FetchError("refused", f"only http and https links are read, not {parsed.scheme}:")
        host = parsed.host.lower()
        if not host:
            raise FetchError("refused", "the link has no host")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            try:
                addresses = await self.resolver(host, port)
            except OSError as exc:
                raise FetchError("network", f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise FetchError("network", f"cannot resolve {host}")
        if host not in self.allow:
            for address in addresses:
                if address.lower() not in self.allow and not is_public(address):
                    raise FetchError(
                        "refused",
                        f"{host} is a private or local address ({address}); not fetched",
                    )
        return parsed, addresses[0]

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET with every hop checked; a 304 comes back as ``status == 304``."""
        try:
            async with asyncio.timeout(self.limits.deadline):
                return await self._get(url, etag, last_modified)
        except TimeoutError:
            message = f"no complete answer within {self.limits.deadline:.0f} s"
            raise FetchError("timeout", message) from None

    async def _get(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        seen: list[str] = []
        for _hop in range(self.limits.max_redirects + 1):
            parsed, address = await self.check(url)
            seen.append(url)
            headers: dict[str, str] = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            slot = self._slots.setdefault(parsed.host, asyncio.Semaphore(self.limits.per_host))
            async with slot:
                result = await self._one(parsed, address, headers)
            if isinstance(result, Fetched):
                return result
            url = urljoin(url, result)
            if url in seen:
                raise FetchError("redirects", "the link redirects in a loop")
        raise FetchError("redirects", f"more than {self.limits.max_redirects} redirects")

    async def _one(self, parsed: httpx.URL, address: str, headers: dict[str, str]) -> Fetched | str:
        """One request to a checked address: the response, or the next URL of a redirect."""
        pinned = parsed.copy_with(host=address)
        headers["Host"] = parsed.netloc.decode("ascii")
        extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
        request = self._client.build_request("GET", pinned, headers=headers, extensions=extensions)
        try:
            response = await self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchError("timeout", f"{parsed.host} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise FetchError("network", f"{parsed.host}: {type(exc).__name__}: {exc}") from None
        try:
            if response.status_code in {301, 302, 303, 307, 308}:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError("http", f"redirect without a Location from {parsed.host}")
                return location
            if response.status_code == 304:
                return Fetched(str(parsed), 304, headers=dict(response.headers))
            if response.status_code >= 400:
                raise FetchError("http", f"{parsed.host} answered HTTP {response.status_code}")
            body = await self._read(response, parsed.host)
            return Fetched(
                url=str(parsed),
                status=response.status_code,
                body=body,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                headers=dict(response.headers),
            )
        finally:
            await response.aclose()

    async def _read(self, response: httpx.Response, host: str) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError("too_large", f"{host} sends {int(declared):,} bytes; the limit is "
                             f"{self.limits.max_bytes:,}")  # fmt: skip
        inflate = _Inflater(response.headers.get("Content-Encoding", ""), host)
        body = bytearray()
        try:
            async for raw in response.aiter_raw():
                body += inflate.feed(raw, self.limits.max_bytes + 1 - len(body))
                if len(body) > self.limits.max_bytes:
                    raise FetchError(
                        "too_large", f"{host} sends more than {self.limits.max_bytes:,} bytes"
                    )
        except httpx.TimeoutException:
            raise FetchError("timeout", f"{host} stopped sending") from None
        except httpx.HTTPError as exc:
            raise FetchError("network", f"{host}: {type(exc).__name__}: {exc}") from None
        return bytes(body)


class _Inflater:
    """Content-Encoding undone with a bound on each step. httpx inflates a whole network
    chunk at once: 64 kB of a gzip bomb became 64 MB before the size could be checked
    (200 MB of zeros in 204 kB: peak memory +132 MB for a 5 MB limit)."""

    def __init__(self, encoding: str, host: str) -> None:
        self.encoding = encoding.strip().lower()
        self.host = host
        self._zlib: zlib._Decompress | None = None
        if self.encoding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.encoding not in {"", "identity", "deflate"}:
            raise FetchError("http", f"{host} sends Content-Encoding {encoding[:40]!r}; not read")

    def feed(self, raw: bytes, room: int) -> bytes:
        """The next bytes of the body, at most ``room`` of them; ``room`` bytes back means
        there may be more (a caller that has no more room refuses the body)."""
        if self.encoding == "deflate" and self._zlib is None and raw:
            self._zlib = zlib.decompressobj(_deflate_wbits(raw))
        if self._zlib is None:
            return raw
        try:
            return self._zlib.decompress(raw, room)
        except zlib.error as exc:
            raise FetchError(
                "network", f"{self.host} sends a broken {self.encoding} body: {exc}"
            ) from None


def _deflate_wbits(head: bytes) -> int:
    """Whether a "deflate" body is zlib-wrapped (RFC 9110) or, as some servers send it, raw."""
    wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS
