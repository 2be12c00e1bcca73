# The RFC 6455 frame codec: round trips at each length encoding, masking, fragmentation flags, close codes, bad frames.
import struct
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sql_optim_env import websocket as ws  # noqa: E402


class FrameCodecTest(unittest.TestCase):
    def test_round_trip_at_each_length_encoding(self) -> None:
        for n in (0, 1, 125, 126, 65535, 65536, 70000):
            payload = bytes(i % 251 for i in range(n))
            for mask in (None, b"\x01\x02\x03\x04"):
                with self.subTest(n=n, masked=mask is not None):
                    frame = ws.decode_frame(ws.encode_frame(ws.OP_BINARY, payload, mask=mask))
                    self.assertEqual(frame, ws.Frame(True, ws.OP_BINARY, payload))

    def test_header_bytes_follow_rfc_6455_section_5_2(self) -> None:
        self.assertEqual(ws.encode_frame(ws.OP_TEXT, b"Hello"), b"\x81\x05Hello")  # RFC 6455 §5.7, unmasked
        masked = ws.encode_frame(ws.OP_TEXT, b"Hello", mask=bytes.fromhex("37fa213d"))
        self.assertEqual(masked, bytes.fromhex("818537fa213d7f9f4d5158"))  # RFC 6455 §5.7, masked "Hello"
        self.assertEqual(ws.encode_frame(ws.OP_BINARY, b"x" * 126)[:4], b"\x82\x7e\x00\x7e")
        self.assertEqual(ws.encode_frame(ws.OP_BINARY, b"x" * 65536)[:10], b"\x82\x7f" + struct.pack("!Q", 65536))

    def test_masking_hides_the_payload_and_is_its_own_inverse(self) -> None:
        key = b"\xaa\x55\x0f\xf0"
        wire = ws.encode_frame(ws.OP_TEXT, b'{"type": "state"}', mask=key)
        self.assertNotIn(b"state", wire)
        self.assertEqual(wire[1] & 0x80, 0x80)
        self.assertEqual(ws.apply_mask(ws.apply_mask(b"abcdefg", key), key), b"abcdefg")

    def test_fragments_carry_fin_and_continuation(self) -> None:
        first = ws.decode_frame(ws.encode_frame(ws.OP_TEXT, b"ab", fin=False))
        rest = ws.decode_frame(ws.encode_frame(ws.OP_CONT, b"cd"))
        self.assertEqual((first.fin, first.opcode, rest.fin, rest.opcode), (False, ws.OP_TEXT, True, ws.OP_CONT))

    def test_control_frames_are_short_and_whole(self) -> None:
        with self.assertRaisesRegex(ValueError, "at most 125 bytes"):
            ws.encode_frame(ws.OP_PING, b"x" * 126)
        with self.assertRaisesRegex(ValueError, "cannot be fragmented"):
            ws.encode_frame(ws.OP_CLOSE, b"", fin=False)

    def test_close_codes(self) -> None:
        self.assertEqual(ws.parse_close(ws.close_payload(1000, "bye")), (1000, "bye"))
        self.assertEqual(ws.parse_close(ws.close_payload(1011, "é")), (1011, "é"))
        self.assertEqual(ws.parse_close(b""), (1005, ""))
        with self.assertRaisesRegex(ws.WebSocketError, "one byte"):
            ws.parse_close(b"\x03")

    def test_bad_frames_are_refused(self) -> None:
        with self.assertRaisesRegex(ws.WebSocketError, "reserved bits"):
            ws.decode_frame(b"\xc1\x00")
        with self.assertRaisesRegex(ws.WebSocketError, "unknown opcode 0x3"):
            ws.decode_frame(b"\x83\x00")
        with self.assertRaisesRegex(ws.WebSocketError, "truncated"):
            ws.decode_frame(b"\x81\x05Hel")

    def test_accept_key_matches_rfc_6455_example(self) -> None:
        self.assertEqual(ws.accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")


if __name__ == "__main__":
    unittest.main()
