"""How the project starts Debian's Chromium (browser tests and screenshots alike).

The flags keep a headless root-run browser from reaching out to the network at start-up.
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
