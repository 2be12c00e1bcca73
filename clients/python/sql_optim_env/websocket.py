# A minimal RFC 6455 WebSocket client in the standard library: handshake, masked text frames, ping/pong, close.
# Only what OpenEnv's /ws needs (one JSON text message per request and per reply); no extensions, no subprotocols.
from __future__ import annotations

import base64
import hashlib
import io
import os
import socket
import ssl
import struct
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

# RFC 6455 §1.3: the server proves it read our key by hashing it with this fixed GUID.
_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
_CONTROL = {OP_CLOSE, OP_PING, OP_PONG}

CLOSE_NORMAL = 1000
CLOSE_PROTOCOL_ERROR = 1002
CLOSE_TOO_BIG = 1009
# A step's reply carries plans and previews (tens of kB); 64 MiB only stops a runaway or hostile peer.
MAX_MESSAGE = 64 * 1024 * 1024


class WebSocketError(Exception):
    """The peer broke the protocol, or the connection failed."""


class ConnectionClosed(WebSocketError):
    """The peer sent a close frame (code 1005 when it gave none)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"WebSocket closed by the peer: {code} {reason}".rstrip())
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Frame:
    fin: bool
    opcode: int
    payload: bytes


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept a server must answer for this Sec-WebSocket-Key (RFC 6455 §4.2.2)."""
    return base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii")).digest()).decode("ascii")


def apply_mask(payload: bytes, mask: bytes) -> bytes:
    """XOR with the 4-byte key, repeated (RFC 6455 §5.3); the same call masks and unmasks."""
    if not payload:
        return payload
    # One big-integer XOR is much faster than a Python loop over the bytes.
    n = len(payload)
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


def encode_frame(opcode: int, payload: bytes, *, mask: bytes | None = None, fin: bool = True) -> bytes:
    """One frame. Clients must mask every frame (RFC 6455 §5.1), servers must not: pass a 4-byte key or None."""
    if opcode in _CONTROL and (len(payload) > 125 or not fin):
        raise ValueError("control frames carry at most 125 bytes and cannot be fragmented (RFC 6455 §5.5)")
    head = bytes([(0x80 if fin else 0) | opcode])
    mask_bit = 0x80 if mask is not None else 0
    n = len(payload)
    if n < 126:
        head += bytes([mask_bit | n])
    elif n < 1 << 16:
        head += bytes([mask_bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([mask_bit | 127]) + struct.pack("!Q", n)
    if mask is None:
        return head + payload
    if len(mask) != 4:
        raise ValueError("a mask key is 4 bytes")
    return head + mask + apply_mask(payload, mask)


def read_frame(read_exact: Callable[[int], bytes], max_size: int = MAX_MESSAGE) -> Frame:
    """Parse one frame from a reader returning exactly n bytes; unmasks if the frame is masked."""
    b0, b1 = read_exact(2)
    if b0 & 0x70:
        raise WebSocketError("reserved bits set: no extension was negotiated")
    opcode = b0 & 0x0F
    if opcode not in (OP_CONT, OP_TEXT, OP_BINARY) and opcode not in _CONTROL:
        raise WebSocketError(f"unknown opcode {opcode:#x}")
    n = b1 & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", read_exact(2))
    elif n == 127:
        (n,) = struct.unpack("!Q", read_exact(8))
    if n > max_size:
        raise WebSocketError(f"frame of {n} bytes exceeds the limit of {max_size}")
    mask = read_exact(4) if b1 & 0x80 else None
    payload = read_exact(n) if n else b""
    if mask is not None:
        payload = apply_mask(payload, mask)
    return Frame(bool(b0 & 0x80), opcode, payload)


def decode_frame(data: bytes) -> Frame:
    """Parse one frame from bytes (tests and tools)."""
    buf = io.BytesIO(data)

    def exact(n: int) -> bytes:
        got = buf.read(n)
        if len(got) != n:
            raise WebSocketError("truncated frame")
        return got

    return read_frame(exact)


def close_payload(code: int, reason: str = "") -> bytes:
    """Body of a close frame: the code (2 bytes, big-endian) and a UTF-8 reason (RFC 6455 §5.5.1)."""
    return struct.pack("!H", code) + reason.encode("utf-8")


def parse_close(payload: bytes) -> tuple[int, str]:
    """(code, reason) of a close frame's body; 1005 'no status' when the body is empty (RFC 6455 §7.1.5)."""
    if not payload:
        return 1005, ""
    if len(payload) == 1:
        raise WebSocketError("a close body of one byte is invalid")
    (code,) = struct.unpack("!H", payload[:2])
    return code, payload[2:].decode("utf-8", errors="replace")


class WebSocket:
    """A blocking client connection. Every socket operation is bounded by `timeout` seconds."""

    def __init__(self, url: str, *, timeout: float = 60.0, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("ws", "wss"):
            raise ValueError(f"not a ws:// or wss:// URL: {url}")
        port = parts.port or (443 if parts.scheme == "wss" else 80)
        host = parts.hostname or "localhost"
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
            if parts.scheme == "wss":
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        except OSError as e:
            raise WebSocketError(f"cannot connect to {url}: {e}") from e
        self._sock = sock
        self._buf = b""
        self.closed = False
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._handshake(target, parts.netloc, headers or {})

    def _handshake(self, target: str, netloc: str, headers: dict[str, str]) -> None:
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        lines = [
            f"GET {target} HTTP/1.1",
            f"Host: {netloc}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            *(f"{k}: {v}" for k, v in headers.items()),
        ]
        self._sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        while b"\r\n\r\n" not in self._buf:
            if len(self._buf) > 65536:
                raise WebSocketError("handshake response headers too long")
            self._fill()
        head, self._buf = self._buf.split(b"\r\n\r\n", 1)
        status, *header_lines = head.decode("latin-1").split("\r\n")
        if status.split(" ")[1:2] != ["101"]:
            raise WebSocketError(f"handshake refused: {status}")
        got = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
        if got.get("sec-websocket-accept") != accept_key(key):
            raise WebSocketError("handshake failed: wrong Sec-WebSocket-Accept")

    def _fill(self) -> None:
        try:
            chunk = self._sock.recv(65536)
        except socket.timeout as e:
            raise TimeoutError("no data from the WebSocket peer within the timeout") from e
        if not chunk:
            self.closed = True
            raise WebSocketError("connection closed without a close frame")
        self._buf += chunk

    def _read_exact(self, n: int) -> bytes:
        while len(self._buf) < n:
            self._fill()
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def _send(self, opcode: int, payload: bytes, fin: bool = True) -> None:
        self._sock.sendall(encode_frame(opcode, payload, mask=os.urandom(4), fin=fin))

    def send_text(self, text: str) -> None:
        """Send one text message in a single masked frame."""
        self._send(OP_TEXT, text.encode("utf-8"))

    def recv_text(self) -> str:
        """The next data message, reassembled from fragments; answers pings and raises ConnectionClosed on close."""
        parts: list[bytes] = []
        size = 0
        while True:
            frame = read_frame(self._read_exact)
            if frame.opcode == OP_PING:
                self._send(OP_PONG, frame.payload)
                continue
            if frame.opcode == OP_PONG:
                continue
            if frame.opcode == OP_CLOSE:
                code, reason = parse_close(frame.payload)
                self._finish_close(code)
                raise ConnectionClosed(code, reason)
            if (frame.opcode == OP_CONT) != bool(parts):
                raise WebSocketError("continuation frame out of sequence")
            parts.append(frame.payload)
            size += len(frame.payload)
            if size > MAX_MESSAGE:
                raise WebSocketError("message exceeds the size limit")
            if frame.fin:
                return b"".join(parts).decode("utf-8")

    def _finish_close(self, code: int) -> None:
        # Echo the peer's close (RFC 6455 §5.5.1), then drop the TCP connection.
        if not self.closed:
            try:
                self._send(OP_CLOSE, close_payload(code if code not in (1005, 1006) else CLOSE_NORMAL))
            except OSError:
                pass
        self.closed = True
        self._sock.close()

    def close(self, code: int = CLOSE_NORMAL, reason: str = "") -> None:
        """Send a close frame, wait briefly for the peer's, and drop the connection."""
        if self.closed:
            return
        try:
            self._send(OP_CLOSE, close_payload(code, reason))
            self._sock.settimeout(2.0)
            while True:  # drain until the peer's close frame or EOF
                if read_frame(self._read_exact).opcode == OP_CLOSE:
                    break
        except (OSError, WebSocketError, TimeoutError):
            pass
        self.closed = True
        self._sock.close()
