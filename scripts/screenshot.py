#!/usr/bin/env python3
# Copyright 2026 sale_customer_care contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of a running Odoo (scripts/serve) for the README, taken with
headless Chromium over the DevTools protocol:

    scripts/screenshot.py --login care.manager OUT.png /odoo/action-...

Needs Debian's ``chromium`` and PyPI's ``websocket-client``."""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="scc-chromium-")
        self.proc = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                # a free port of Chromium's choosing, written to DevToolsActivePort:
                # several screenshots (or a test's browser) may run at once
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pages, port_file = [], os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(100):
            try:
                with open(port_file) as file:
                    port = file.readline().strip()
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=1) as resp:
                    pages = [p for p in json.load(resp) if p["type"] == "page"]
                if pages:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.ids = 0
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.ids += 1
        self.ws.send(json.dumps({"id": self.ids, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.ids:
                return message.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True)
        return result.get("result", {}).get("value")

    def goto(self, url, settle=4.0):
        self.call("Page.navigate", url=url)
        time.sleep(settle)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("path", help="URL path, e.g. /odoo/contacts/12")
    parser.add_argument("--base", default="http://127.0.0.1:8069")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument(
        "--click", action="append", default=[], help="text of something to click (repeatable)"
    )
    parser.add_argument("--settle", type=float, default=6.0, help="seconds to let the page load")
    args = parser.parse_args()
    browser = Browser(args.width, args.height)
    try:
        browser.goto(f"{args.base}/web/login", settle=2)
        browser.js(
            f"document.querySelector('input[name=login]').value = {json.dumps(args.login)};"
            f"document.querySelector('input[name=password]').value = "
            f"{json.dumps(args.password or args.login)};"
            "document.querySelector('form').submit();"
        )
        time.sleep(3)
        browser.goto(args.base + args.path, settle=args.settle)
        for text in args.click:
            browser.js(
                "[...document.querySelectorAll('a, button, th, td, span, div')].filter("
                f"e => e.textContent.trim() === {json.dumps(text)}).pop()?.click()"
            )
            time.sleep(2)
        browser.screenshot(args.out)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
