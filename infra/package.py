"""`make package`: the deployable artefacts, built into out/ without an AWS account.

    out/sam.json          Chalice's SAM template merged with infra/template.py's resources
    out/deployment.zip    the code every function loads (one package for the API and the jobs)
    out/waf.json          the WAF web ACL stack for us-east-1 (infra/waf.py)
    out/pwa/              the PWA as served (infra/assets.py)
    out/package.json      sizes, for `make bench` and the tests
    out/runtime-sdk/      the runtime's boto3/botocore (RUNTIME_SDK), to test the package as Lambda loads it

Chalice builds the zip from requirements.txt; this step then takes out what the functions never
load from it: the AWS SDK the Lambda Python runtime already provides (``RUNTIME_PROVIDED``), and
aiohttp, which pywebpush 2 imports only for its async API (a stand-in keeps the import working,
``infra/lambda_stubs``). A distribution goes only when nothing that stays requires it.
"""

from __future__ import annotations

import argparse
import ast
import email.parser
import fcntl
import importlib.util
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
STUBS = ROOT / "infra" / "lambda_stubs"
# What the Lambda Python runtime ships (the SDK and its own dependencies the app does not name);
# bench/package.py tests the package against RUNTIME_SDK. That version is not verified against
# AWS's documentation of the runtime: infra/README.md ("Runtime SDK") says how to check it.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
RUNTIME_SDK = ("boto3==1.34.145", "botocore==1.34.145", "s3transfer==0.10.2", "jmespath==1.0.1")
NOT_LOADED = ("aiohttp",)
LAMBDA_PYTHON = sys.version_info[:2]  # Chalice declares the runtime of the Python that packages
# holidays ships every country and its translations, and imports all countries with the first one;
# the booking calendar asks for Germany's (North Rhine-Westphalia) in German only.
KEEP_HOLIDAY_LOCALES = ("de", "en_US")
KEEP_HOLIDAY_COUNTRIES = ("germany",)
COUNTRIES_INIT = "holidays/countries/__init__.py"
LAMBDA_ENV = {
    **default_environment(),
    "python_version": "{}.{}".format(*LAMBDA_PYTHON),
    "sys_platform": "linux",
    "platform_system": "Linux",
}


def _dists(zf: zipfile.ZipFile) -> dict[str, tuple[str, list[Requirement]]]:
    """Canonical name -> (dist-info folder, requirements that apply on Lambda) of each distribution in the zip."""
    found = {}
    for name in zf.namelist():
        if re.fullmatch(r"[^/]+\.dist-info/METADATA", name):
            meta = email.parser.Parser().parsestr(zf.read(name).decode("utf-8", "replace"))
            requires = []
            for line in meta.get_all("Requires-Dist") or []:
                req = Requirement(line)
                if req.marker is None or req.marker.evaluate({**LAMBDA_ENV, "extra": ""}):
                    requires.append(req)
            found[canonicalize_name(meta["Name"])] = (name.split("/")[0], requires)
    return found


def _files(zf: zipfile.ZipFile, info_dir: str) -> set[str]:
    record = zf.read(f"{info_dir}/RECORD").decode() if f"{info_dir}/RECORD" in zf.namelist() else ""
    files = {line.split(",")[0] for line in record.splitlines() if line and not line.startswith("..")}
    return files | {n for n in zf.namelist() if n.startswith(info_dir + "/")}


def _roots() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return [canonicalize_name(Requirement(line).name) for line in lines if line.strip() and not line.startswith("#")]


def dropped(dists: dict[str, tuple[str, list[Requirement]]]) -> set[str]:
    """The distributions nothing loaded needs: the runtime's and the unused, with what only they require."""
    excluded = {canonicalize_name(n) for n in RUNTIME_PROVIDED + NOT_LOADED}
    needed: set[str] = set()
    todo = [r for r in _roots() if r not in excluded]
    while todo:
        name = todo.pop()
        if name in needed or name not in dists:
            continue
        needed.add(name)
        todo += [canonicalize_name(r.name) for r in dists[name][1] if canonicalize_name(r.name) not in excluded]
    return set(dists) - needed


def _keep_file(name: str) -> bool:
    locale = re.match(r"holidays/locale/([^/]+)/", name)
    country = re.fullmatch(r"holidays/countries/(\w+)\.py", name)
    return not (
        (locale and locale.group(1) not in KEEP_HOLIDAY_LOCALES)
        or (country and country.group(1) not in (*KEEP_HOLIDAY_COUNTRIES, "__init__"))
    )


def _kept_countries_init(source: str) -> str:
    """holidays' country package, importing only the countries kept."""
    tree = ast.parse(source)
    tree.body = [
        node
        for node in tree.body
        if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("holidays.countries."))
        or (node.module or "").rpartition(".")[2] in KEEP_HOLIDAY_COUNTRIES
    ]
    return "# Only the countries the platform asks for (infra/package.py).\n" + ast.unparse(tree) + "\n"


def slim(source: Path, target: Path) -> list[str]:
    """Rewrite Chalice's zip without what the functions never load; returns the dropped distributions."""
    with zipfile.ZipFile(source) as zf:
        dists = _dists(zf)
        gone = sorted(dropped(dists))
        remove: set[str] = set()
        for name in gone:
            remove |= _files(zf, dists[name][0])
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for info in zf.infolist():
                if info.filename not in remove and _keep_file(info.filename):
                    body = zf.read(info)
                    if info.filename == COUNTRIES_INIT:
                        body = _kept_countries_init(body.decode()).encode()
                    out.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            if "aiohttp" in gone:
                for stub in sorted(STUBS.rglob("*.py")):
                    out.write(stub, stub.relative_to(STUBS).as_posix())
    return gone


def loaded_modules(task: Path, sdk: Path) -> list[str]:
    """Files of the package a cold start can load: the app and every chalicelib module, with what they import."""
    code = (
        f"import sys, importlib, pkgutil, json; sys.path[:0] = [{str(task)!r}, {str(sdk)!r}]\n"
        "import app, chalicelib\n"
        "for m in pkgutil.walk_packages(chalicelib.__path__, 'chalicelib.'): importlib.import_module(m.name)\n"
        # the holiday calendar loads its country on the first availability request
        "from datetime import date; from chalicelib.booking.rules import calendar\n"
        "calendar.holiday_name(date(2026, 1, 1))\n"
        "print(json.dumps(sorted({getattr(m, '__file__', None) or '' for m in list(sys.modules.values())})))\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "STAGE": "prod", "AWS_DEFAULT_REGION": "eu-central-1"}
    out = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, check=True)
    root = str(task) + "/"
    return [f[len(root) :] for f in json.loads(out.stdout) if f.startswith(root) and f.endswith(".py")]


def add_bytecode(package: Path, sdk: Path) -> int:
    """Add bytecode for every module a request can load (the app, all of chalicelib and what they import).

    Lambda's task folder is read-only: without bytecode in the zip, each cold start compiles these
    modules again. Unchecked-hash .pyc files are used as they are, whatever the files' times in the zip.
    """
    with tempfile.TemporaryDirectory() as tmp:
        task = Path(tmp)
        with zipfile.ZipFile(package) as zf:
            zf.extractall(task)
        sources = loaded_modules(task, sdk)
        with zipfile.ZipFile(package, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for name in sources:
                cached = importlib.util.cache_from_source(name)
                py_compile.compile(
                    str(task / name),
                    cfile=str(task / cached),
                    dfile=f"/var/task/{name}",
                    doraise=True,
                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
                )
                zf.write(task / cached, cached)
    return len(sources)


def sizes(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as zf:
        return {"zipped": path.stat().st_size, "unzipped": sum(i.file_size for i in zf.infolist())}


def runtime_sdk(out: Path) -> Path:
    """The Lambda runtime's SDK, unpacked beside the package: what the package is tested against."""
    target = out / "runtime-sdk"
    wheels = out / "runtime-wheels"
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", str(wheels)]
    subprocess.run([*pip, *RUNTIME_SDK], check=True, stderr=subprocess.DEVNULL)
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(target)
    shutil.rmtree(wheels)
    # The runtime ships its SDK with bytecode; so does this copy, or a cold start would look slower than it is.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def build(stage: str, out: Path) -> dict[str, object]:
    from infra import assets, template, waf

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "resources.json").write_text(json.dumps(template.build(stage), indent=2))
    (out / "waf.json").write_text(json.dumps(waf.build(stage), indent=2))
    env = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "eu-central-1")}
    chalice = Path(sys.executable).with_name("chalice")
    subprocess.run(
        [str(chalice), "package", "--stage", stage, "--merge-template", str(out / "resources.json"), str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    full = out / "chalice-deployment.zip"
    (out / "deployment.zip").rename(full)
    gone = slim(full, out / "deployment.zip")
    chalice_sizes = sizes(full)
    full.unlink()
    compiled = add_bytecode(out / "deployment.zip", runtime_sdk(out))
    report: dict[str, object] = {
        "stage": stage,
        "chalice": chalice_sizes,
        "package": sizes(out / "deployment.zip"),
        "dropped": gone,
        "compiled_modules": compiled,
        "runtime_sdk": list(RUNTIME_SDK),
    }
    assets.build(out / "pwa")
    (out / "package.json").write_text(json.dumps(report, indent=2))
    return report


INPUTS = ("app.py", "requirements.txt", ".chalice", "chalicelib", "infra")


def _newest_input() -> float:
    newest = 0.0
    for name in INPUTS:
        path = ROOT / name
        files = (
            [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        )
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest


def ensure_built(stage: str = "prod", out: Path = ROOT / "out") -> dict[str, object]:
    """The package in ``out``, rebuilt when any of its inputs changed since (one builder at a time)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report_file = out / "package.json"
        if report_file.exists() and report_file.stat().st_mtime > _newest_input():
            report: dict[str, object] = json.loads(report_file.read_text())
            if report.get("stage") == stage:
                return report
        return build(stage, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="prod", choices=["dev", "prod"])
    parser.add_argument("--out", type=Path, default=ROOT / "out")
    parser.add_argument("--if-changed", action="store_true", help="reuse out/ when no input changed since")
    args = parser.parse_args(argv)
    report = ensure_built(args.stage, args.out) if args.if_changed else build(args.stage, args.out)
    pkg, full = report["package"], report["chalice"]
    assert isinstance(pkg, dict) and isinstance(full, dict)
    print(
        f"{args.out}/deployment.zip: {pkg['zipped'] / 1e6:.1f} MB zipped, {pkg['unzipped'] / 1e6:.1f} MB unzipped "
        f"(Chalice built {full['zipped'] / 1e6:.1f} / {full['unzipped'] / 1e6:.1f} MB; left out: "
        f"{', '.join(report['dropped'])})"  # type: ignore[arg-type]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
