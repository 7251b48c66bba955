#!/usr/bin/env python3
"""Opens every HTML report in headless Chromium (Selenium) at phone and desktop widths and
checks that it fits: the document is no wider than the viewport (wide tables scroll inside
their own box, diagrams scale to the column) and the browser console has no errors.

    python3 scripts/check-reports-browser.py [DIR ...]      (default: reports reports/whatif reports/trends)

Needs Debian's `chromium` and `chromium-driver` and `selenium` from PyPI (.ci/run installs
them). Exit status: 0 when every page fits, 1 when one does not, 77 when no browser can be
started (the Swift test that runs this then says it skipped). Prints one line per page and
width, and a closing line "N passed, N failed".
"""
import glob
import os
import shutil
import sys

WIDTHS = [400, 1280]
SKIP = 77


def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("skipped: selenium is not installed (python3 -m pip install selenium)")
        sys.exit(SKIP)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        print("skipped: no chromium and chromedriver on PATH (Debian: apt-get install chromium chromium-driver)")
        sys.exit(SKIP)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        return webdriver.Chrome(service=Service(driver), options=options)
    except Exception as error:  # no display, broken install: nothing to test with
        print(f"skipped: chromium could not be started: {str(error).splitlines()[0]}")
        sys.exit(SKIP)


def main(directories):
    pages = sorted(path for directory in directories for path in glob.glob(os.path.join(directory, "*.html")))
    if not pages:
        print("no HTML reports in " + ", ".join(directories))
        print("0 passed, 0 failed")
        return 0
    driver = browser()
    passed = failed = 0
    try:
        for page in pages:
            for width in WIDTHS:
                driver.set_window_size(width, 900)
                driver.get("file://" + os.path.abspath(page))
                viewport = driver.execute_script("return document.documentElement.clientWidth")
                document = driver.execute_script("return document.documentElement.scrollWidth")
                errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
                problems = []
                if document > viewport:
                    # Name the widest elements that stick out, to say what to fix.
                    culprits = driver.execute_script("""
                        const out = [];
                        for (const e of document.body.querySelectorAll('*')) {
                            const r = e.getBoundingClientRect();
                            if (r.right > document.documentElement.clientWidth + 1 && !e.closest('table, svg'))
                                out.push(e.tagName.toLowerCase() + ' ' + Math.round(r.right) + 'px');
                        }
                        return out.slice(0, 3);""")
                    problems.append(f"document {document}px wider than viewport {viewport}px ({', '.join(culprits)})")
                problems += [f"console: {message}" for message in errors]
                if problems:
                    failed += 1
                    print(f"FAIL {page} at {width}px: " + "; ".join(problems))
                else:
                    passed += 1
                    print(f"ok   {page} at {width}px")
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["reports", "reports/whatif", "reports/trends"]))
