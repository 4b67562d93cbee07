"""A screenshot of the matrix's page, as README shows it (headless chromium through Playwright).

    python tools/screenshot.py docs/spec.html docs/spec-page.png [--filter partly]

With --filter VERDICT the picture shows the page with only that verdict ticked, as a reader who
filters would see it. Needs Playwright (requirements-dev.txt) and a chromium browser (Debian:
apt-get install chromium; $SPEC_CHROMIUM names another).
"""
import argparse
import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--filter", help="tick only this verdict")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1100)
    args = parser.parse_args(argv)
    browser = os.environ.get("SPEC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium found (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=ARGS)
        tab = b.new_page(viewport={"width": args.width, "height": args.height})
        tab.goto(args.page.resolve().as_uri())
        if args.filter:
            for box in tab.query_selector_all("input.verdict-filter"):
                if box.get_attribute("value") != args.filter:
                    box.uncheck()
            tab.locator("#filters").scroll_into_view_if_needed()
            tab.evaluate("window.scrollBy(0, -10)")
        tab.screenshot(path=str(args.output))
        b.close()
    print(f"screenshot of {args.page} written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
