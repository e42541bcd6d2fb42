"""Run the frozen program as a responder's laptop would, and check what it does.

Usage: python packaging/package_test.py dist/sonae/sonae [--archive FILE.tar.gz] [--no-window]

1. ``--version`` is ``sonae <app.__version__>``; the folder is under SIZE_CEILING.
2. ``playbooks check`` and ``exercise check`` pass over every bundled plan and script.
3. ``demo --out``: the PDF is read back (pypdf): its pages, the version in every footer, every
   font embedded; the timeline chart as a PNG.
4. An export and import round trip between two data folders, verified on the receiving side.
5. ``--archive``: unpacked, ``install.sh`` into a scratch prefix, the launcher's ``--version``,
   the menu entry's command, and ``--uninstall``, which leaves a user's data folder alone.
6. The window under Xvfb with openbox, closed through the window manager (wmctrl, as a click on
   the title bar's close button): it exits 0, prints nothing, and backs the log up on close.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from package import sizes  # noqa: E402 - packaging/package.py, beside this script

from app import __version__  # noqa: E402

SIZE_CEILING = 150_000_000  # bytes unpacked: a guard against a library creeping back in
# openbox, then once it manages the screen the program in the background; once its window is
# mapped, a close through the manager; the program's exit status is the script's.
CLOSE_THROUGH_WM = r"""
openbox >/dev/null 2>&1 &
for i in $(seq 300); do xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q window && break; sleep 0.1; done
sleep 0.5
"$@" &
app=$!
for i in $(seq 600); do wmctrl -l 2>/dev/null | grep -q Sonae && break; sleep 0.1; done
wmctrl -l | grep -q Sonae || { echo "no Sonae window in 60 s" >&2; kill $app; exit 97; }
sleep 1
wmctrl -c Sonae
wait $app
"""


class Failed(Exception):
    pass


def check(ok: object, what: str) -> None:
    if not ok:
        raise Failed(what)


def run(executable: Path, data: Path, *args: str) -> str:
    result = subprocess.run(
        [str(executable), "--data-dir", str(data), "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    check(result.returncode == 0, f"{' '.join(args)}: exit {result.returncode}: {result.stderr}")
    return result.stdout


def check_pdf(pdf: Path, incident: str) -> int:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    check(len(reader.pages) >= 2, f"{pdf.name}: {len(reader.pages)} page(s)")
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        check(f"Sonae {__version__}" in text, f"{pdf.name} p.{number}: no version in the footer")
        fonts = page["/Resources"].get_object().get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            descriptors = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for d in descriptors:
                fd = d.get("/FontDescriptor")
                fd = fd.get_object() if fd is not None else {}
                check(
                    any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                    f"{pdf.name} p.{number}: font {name} is not embedded",
                )
    check(incident in reader.pages[0].extract_text(), f"{pdf.name}: incident {incident} not named")
    return len(reader.pages)


def check_round_trip(executable: Path, data: Path, scratch: Path, incident: str) -> None:
    bundle = scratch / "round-trip.sonae"
    run(executable, data, "export", incident, "--out", str(bundle), "--actor", "package-test")
    other = scratch / "other-laptop"
    other.mkdir()
    run(executable, other, "import", str(bundle))
    run(executable, other, "verify")
    sent = {
        i["id"]: i["entries"]
        for i in json.loads(run(executable, data, "incident", "list", "--json"))
    }
    got = {
        i["id"]: i["entries"]
        for i in json.loads(run(executable, other, "incident", "list", "--json"))
    }
    check(got.get(incident) == sent[incident], f"import: {got} against {sent}")


def check_archive(archive: Path, scratch: Path) -> None:
    with tarfile.open(archive) as tar:
        tar.extractall(scratch / "unpacked", filter="tar")
    (top,) = (scratch / "unpacked").iterdir()
    check(top.name == f"sonae-{__version__}", f"archive folder {top.name}")
    places = {
        "PREFIX": scratch / "opt" / "sonae",
        "BINDIR": scratch / "bin",
        "APPLICATIONS": scratch / "applications",
        "ICONS": scratch / "icons",
    }
    env = {**os.environ, **{k: str(v) for k, v in places.items()}}
    data = scratch / "home" / "Sonae"  # a user's data folder, which no install may touch
    data.mkdir(parents=True)
    (data / "sonae.db").write_bytes(b"kept")
    for round_ in ("install", "upgrade"):
        result = subprocess.run(
            ["sh", str(top / "install.sh")], capture_output=True, text=True, env=env, timeout=120
        )
        check(result.returncode == 0, f"install.sh ({round_}): {result.stderr}")
    launcher = places["BINDIR"] / "sonae"
    version = subprocess.run([str(launcher), "--version"], capture_output=True, text=True)
    check(version.stdout.strip() == f"sonae {__version__}", f"launcher: {version}")
    entry = (places["APPLICATIONS"] / "sonae.desktop").read_text("utf-8")
    check(f"Exec={launcher} gui\n" in entry, f"menu entry: {entry}")
    check((places["ICONS"] / "sonae.svg").is_file(), "no icon installed")
    removed = subprocess.run(
        ["sh", str(top / "install.sh"), "--uninstall"], capture_output=True, text=True, env=env
    )
    check(removed.returncode == 0 and not places["PREFIX"].exists(), f"uninstall: {removed}")
    check(not launcher.exists(), "the launcher is left after --uninstall")
    check((data / "sonae.db").read_bytes() == b"kept", "a user's data folder was touched")


def check_window(executable: Path, data: Path) -> None:
    for tool in ("xvfb-run", "openbox", "wmctrl", "xprop"):
        check(shutil.which(tool), f"{tool} is not installed (make bootstrap installs it)")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    command = [str(executable), "--data-dir", str(data), "gui"]
    result = subprocess.run(
        [
            *("xvfb-run", "-a", "-s", "-screen 0 1366x768x24"),
            *("sh", "-c", CLOSE_THROUGH_WM, "sh", *command),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    check(result.returncode == 0, f"window: exit {result.returncode}: {result.stderr}")
    noise = [ln for ln in result.stderr.splitlines() if ln.strip() and not ln.startswith("xauth")]
    check(noise == [], f"window printed: {noise}")
    backups = list((data / "backups").glob("*-close.db"))
    check(backups, "no backup on close: the window did not close as a user closes it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", type=Path)
    parser.add_argument("--archive", type=Path)
    parser.add_argument("--no-window", action="store_true", help="skip the Xvfb window check")
    args = parser.parse_args(argv)
    executable = args.executable.resolve()
    try:
        size = sum(sizes(executable.parent).values())  # counted as the build lists it
        check(
            size < SIZE_CEILING, f"the folder is {size / 1e6:.1f} MB, over {SIZE_CEILING / 1e6:.0f}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            data = scratch / "data"
            data.mkdir()
            version = run(executable, data, "--version").strip()
            check(version == f"sonae {__version__}", f"--version said {version!r}")
            run(executable, data, "playbooks", "check")
            run(executable, data, "exercise", "check")
            plans = json.loads(run(executable, data, "playbooks", "list", "--json"))
            check(len(plans) >= 13, f"{len(plans)} plans bundled")
            pdf = scratch / "demo.pdf"
            demo = run(executable, data, "demo", "--out", str(pdf))
            check("intact" in demo, f"demo: {demo}")
            incident = json.loads(run(executable, data, "incident", "list", "--json"))[0]["id"]
            pages = check_pdf(pdf, incident)
            png = scratch / "chart.png"
            run(
                executable, data, "timeline", incident, "--png", str(png), "--actor", "package-test"
            )
            check(png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "the chart is not a PNG")
            check_round_trip(executable, data, scratch, incident)
            if args.archive:
                check_archive(args.archive.resolve(), scratch)
            if not args.no_window:
                check_window(executable, data)
    except Failed as failure:
        print(f"package-test: FAILED: {failure}", file=sys.stderr)
        return 1
    done = ["--version", "plans", f"demo PDF ({pages} pages)", "chart PNG", "export/import"]
    done += ["archive install"] if args.archive else []
    done += [] if args.no_window else ["window closed through the window manager"]
    print(f"package-test OK ({size / 1e6:.1f} MB): " + ", ".join(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
