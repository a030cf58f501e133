#!/usr/bin/env python3
"""smtp_sink.py — a local SMTP server for the mail tests (Debian's python3-aiosmtpd).

    smtp_sink.py DIR

Listens on 127.0.0.1 on a free port, writes the port to DIR/port once it accepts
connections, and stores each message it receives as DIR/N.eml (the bytes as sent)
with DIR/N.env (MAIL FROM, then each RCPT TO, one a line). Runs until SIGTERM.
"""
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        base = os.path.join(self.out, str(n))
        with open(base + ".env", "w") as f:
            f.write("\n".join([envelope.mail_from] + list(envelope.rcpt_tos)) + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")  # a reader never sees half a message
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    out = sys.argv[1]
    # 8BITMIME and SMTPUTF8 off: samverka must send 7-bit headers and a QP body anyway
    ctl = Controller(Sink(out), hostname="127.0.0.1", port=free_port(), decode_data=False)
    ctl.start()
    with open(os.path.join(out, "port.tmp"), "w") as f:
        f.write(str(ctl.port))
    os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    done.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
