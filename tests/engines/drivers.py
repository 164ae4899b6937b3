"""Firefox and WebKit (Safari's engine), driven from Debian's packages: Firefox ESR through its
own Marionette port (the `marionette-driver` package; geckodriver cannot be installed here) and
WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium, on a virtual screen (Xvfb).

Both are wrapped in the same small interface, so each test is written once for both engines."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

FIREFOX = "firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
# Quiet a profile on a machine with no outside network: no updates, telemetry or captive-portal
# checks, which would only time out.
FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
}


def missing():
    """What is not installed, for a clear failure (`make engines` installs them)."""
    needed = {
        FIREFOX: shutil.which(FIREFOX),
        "WebKitWebDriver": Path(WEBKIT_DRIVER).exists(),
        "Xvfb": shutil.which("Xvfb"),
    }
    return [name for name, found in needed.items() if not found]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _retry(start, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return start()
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Driven:
    """What the tests ask of a browser. Both drivers find elements by the WebDriver protocol's own
    "css selector" strategy; they differ only in how they navigate and run a script."""

    name = ""

    def __init__(self, remote):
        self.remote = remote

    def find(self, css):
        return self.remote.find_element("css selector", css)

    def find_all(self, css):
        return self.remote.find_elements("css selector", css)


class Firefox(Driven):
    name = "Firefox"

    def go(self, url):
        self.remote.navigate(url)

    def script(self, source, *args):
        return self.remote.execute_script(source, script_args=list(args))


class WebKit(Driven):
    name = "WebKit"

    def go(self, url):
        self.remote.get(url)

    def script(self, source, *args):
        return self.remote.execute_script(source, *args)


@contextlib.contextmanager
def firefox(javascript=True, webassembly=True):
    from marionette_driver.marionette import Marionette

    port = _free_port()
    prefs = {
        **FIREFOX_PREFS,
        "marionette.port": port,
        "javascript.enabled": javascript,
        "javascript.options.wasm": webassembly,
    }
    with tempfile.TemporaryDirectory() as profile:
        Path(profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items()),
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:

            def connect():
                client = Marionette(host="127.0.0.1", port=port)
                client.start_session()
                return client

            client = _retry(connect)
            try:
                yield Firefox(client)
            finally:
                client.delete_session()
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextlib.contextmanager
def virtual_screen():
    """An Xvfb display of its own (Xvfb picks a free number, so parallel tests never collide)."""
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            display = numbers.readline().strip()
        assert display, "Xvfb did not start"
        yield f":{display}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _minibrowser():
    found = sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))
    assert found, "WebKitGTK's MiniBrowser is missing (Debian package webkit2gtk-driver)"
    return str(found[-1])


@contextlib.contextmanager
def webkit(javascript=True):
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    with virtual_screen() as display:
        options = Options()
        options.binary_location = _minibrowser()
        options.add_argument("--automation")
        if not javascript:
            options.add_argument("--enable-javascript=false")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        driver = _retry(lambda: webdriver.WebKitGTK(options=options, service=service))
        try:
            yield WebKit(driver)
        finally:
            driver.quit()


ENGINES = {"firefox": firefox, "webkit": webkit}
