#!/usr/bin/env python3
"""Independent reader of TensorBoard event files, for tests of the C++ writer.

Usage: read_tfevents.py TENSORBOARD_PROTO EVENTS_FILE

Compiles the .proto with protoc (found on PATH) into a temp dir and parses
every record with Python's protobuf, checking TFRecord framing and both
masked CRC-32Cs with its own CRC code (nothing shared with the C++ side).
Prints "file_version<TAB>VERSION" and one "scalar<TAB>TAG<TAB>STEP<TAB>VALUE"
line per scalar (VALUE as Python's repr of the float, which round-trips).
Exit status: 0 ok, 1 bad file, 3 a prerequisite is missing (message on
stderr starting with "SKIP:").
"""
import importlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile


def crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def load_module(proto):
    protoc = shutil.which("protoc")
    if protoc is None:
        print("SKIP: protoc not found on PATH (Debian: protobuf-compiler)", file=sys.stderr)
        sys.exit(3)
    try:
        importlib.import_module("google.protobuf")
    except ImportError:
        print("SKIP: no google.protobuf in %s (Debian: python3-protobuf)" % sys.executable,
              file=sys.stderr)
        sys.exit(3)
    out = tempfile.mkdtemp(prefix="read_tfevents.")
    try:
        subprocess.run([protoc, "-I", os.path.dirname(os.path.abspath(proto)),
                        "--python_out=" + out, os.path.abspath(proto)], check=True)
        sys.path.insert(0, out)
        name = os.path.splitext(os.path.basename(proto))[0] + "_pb2"
        return importlib.import_module(name)
    finally:
        shutil.rmtree(out, ignore_errors=True)  # the module is loaded by now


def main():
    proto, path = sys.argv[1], sys.argv[2]
    pb = load_module(proto)
    data = open(path, "rb").read()
    pos = 0
    while pos < len(data):
        if len(data) - pos < 12:
            sys.exit("%s: truncated header at byte offset %d" % (path, pos))
        (length,) = struct.unpack_from("<Q", data, pos)
        (length_crc,) = struct.unpack_from("<I", data, pos + 8)
        if length_crc != masked(data[pos:pos + 8]):
            sys.exit("%s: length CRC mismatch at byte offset %d" % (path, pos))
        end = pos + 12 + length
        if end + 4 > len(data):
            sys.exit("%s: truncated record at byte offset %d" % (path, pos))
        payload = data[pos + 12:end]
        (data_crc,) = struct.unpack_from("<I", data, end)
        if data_crc != masked(payload):
            sys.exit("%s: data CRC mismatch at byte offset %d" % (path, pos))
        event = pb.Event()
        event.ParseFromString(payload)
        if event.WhichOneof("what") == "file_version":
            if pos != 0:
                sys.exit("%s: file_version record at byte offset %d" % (path, pos))
            print("file_version\t%s" % event.file_version)
        elif pos == 0:
            sys.exit("%s: first record is not a file_version" % path)
        elif event.WhichOneof("what") == "summary":
            for value in event.summary.value:
                if value.WhichOneof("value") == "simple_value":
                    print("scalar\t%s\t%d\t%r" % (value.tag, event.step, value.simple_value))
        pos = end + 4


if __name__ == "__main__":
    main()
