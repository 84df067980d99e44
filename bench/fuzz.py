"""Coverage-guided fuzzing (atheris, libFuzzer) of the readers and the cleaner: whatever the
bytes, reading never raises, hands on only text any UTF-8 writer takes and reports problems in
one line each, and cleaning keeps every removal and section inside the clean text.

    python bench/fuzz.py                     # 10 minutes
    python bench/fuzz.py --seconds 60 --json fuzz.json

Each input's first byte chooses a target: a file of one kind read by `read_documents` (the
path a user's files take: discovery, gzip, limits, decoding, JSON, JSON Lines, WARC), the
decoders, the date readers, the deep-page flattener, cleaning, or extraction and cleaning of a
page. The seeds are the example corpus's articles and a few made here, one for every target.
libFuzzer's figures (executions, coverage edges and features, the corpus it grew) are printed
at the end and written to --json; a crash stops the run, prints the input and exits non-zero.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "un-ukraine-2022"
SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".warc", "", ".txt.gz", ".jsonl.gz", ".json.gz", ".warc.gz", ".html.gz")
TARGETS = ("read", "decode", "dates", "flatten", "clean", "extract")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--max-len", type=int, default=20_000, help="longest input tried, in bytes (default 20000)")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)  # the fuzzing process itself
    args, rest = parser.parse_known_args()
    if args.run:
        return _fuzz(rest)
    return _supervise(args)


def _supervise(args: argparse.Namespace) -> int:
    """Run the fuzzer in a child process (libFuzzer ends its process when done) and read its figures."""
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        for index, seed in enumerate(_seeds()):
            (corpus / f"seed{index}").write_bytes(seed)
        command = [
            sys.executable, __file__, "--run", str(corpus),
            f"-max_total_time={args.seconds}", f"-max_len={args.max_len}", "-timeout=30", "-rss_limit_mb=4096",
            "-print_final_stats=1", f"-artifact_prefix={Path.cwd()}/fuzz-crash-",
        ]  # fmt: skip
        result = subprocess.run(command, stderr=subprocess.PIPE, text=True, errors="replace", check=False)
        grown = len(list(corpus.iterdir()))
    log = result.stderr
    figures = _figures(log, grown, args.seconds)
    figures["crashed"] = result.returncode != 0
    tail = "\n".join(
        log.splitlines()[-60:]
        if figures["crashed"]
        else [line for line in log.splitlines() if line.startswith(("#", "stat::", "Done"))][-8:]
    )
    print(tail)
    print(json.dumps(figures, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 1 if figures["crashed"] else 0


def _figures(log: str, grown: int, seconds: int) -> dict:
    status = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+).*?exec/s: (\d+)", log, re.M)
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", log, re.M))
    last = status[-1] if status else ("0", "0", "0", "0", "0", "0")
    return {
        "seconds": seconds,
        "executions": int(stats.get("number_of_executed_units", last[0])),
        "executions_per_second": int(stats.get("average_exec_per_sec", last[5])),
        "coverage_edges": int(last[1]),
        "coverage_features": int(last[2]),
        "corpus_inputs": int(last[3]),
        "corpus_size": last[4],
        "corpus_files_after": grown,
        "peak_rss_mb": int(stats.get("peak_rss_mb", 0)),
    }


def _seeds() -> list[bytes]:
    """One input per target and kind of file, from the example corpus and a few made here."""
    texts = [path.read_bytes() for path in sorted(EXAMPLES.glob("*.txt"))][:3]
    page = b"<html><head><title>Talks</title></head><body><article><p>" + texts[0][:3000] + b"</p></article></body></html>"
    record = json.dumps({"id": "a", "title": "Talks", "published": "2022-02-14", "text": texts[0][:2000].decode("utf-8", "replace")})
    warc = _warc(page)
    by_kind = {
        ".txt": texts[0][:4000], ".html": page, ".json": f"[{record}]".encode(), ".jsonl": (record + "\n" + record.replace("\\u", "\\ud800")).encode(),
        ".warc": warc, "": texts[1][:2000], ".txt.gz": gzip.compress(texts[2][:3000]), ".jsonl.gz": gzip.compress(record.encode()),
        ".json.gz": gzip.compress(record.encode()), ".warc.gz": gzip.compress(warc), ".html.gz": gzip.compress(page),
    }  # fmt: skip
    seeds = [bytes([0, SUFFIXES.index(kind)]) + content for kind, content in by_kind.items()]
    seeds += [bytes([1]) + page, bytes([2]) + b"Mon, 14 Feb 2022 10:00:00 GMT", bytes([2]) + b"KYIV, Feb. 24 (Reuters) - text"]
    seeds += [bytes([3]) + b"<div>" * 300 + b"<p>deep</p>", bytes([4]) + texts[0][:4000], bytes([5]) + page]
    return seeds


def _warc(page: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.com/a", "response", payload=io.BytesIO(page), http_headers=headers))
    return out.getvalue()


def _fuzz(libfuzzer_args: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["storyline", "warcio"]):
        import storyline.article.clean
        import storyline.article.extract
        import storyline.article.flatten
        import storyline.ingest
        import storyline.ingest.dates
        import storyline.ingest.decode
        import storyline.model
        import storyline.settings

    targets = _Targets(storyline)
    atheris.Setup([sys.argv[0], *libfuzzer_args], targets.one_input)
    atheris.Fuzz()
    return 0


class _Targets:
    """The code under test, each target a method; an assertion that fails is a crash."""

    def __init__(self, package) -> None:
        self.api = package
        shm = Path("/dev/shm")
        self.folder = Path(tempfile.mkdtemp(prefix="storyline-fuzz-input-", dir=shm if shm.is_dir() else None))
        self.settings = package.settings.Settings(max_document_bytes=50_000, workers=1)

    def one_input(self, data: bytes) -> None:
        if len(data) >= 2:
            getattr(self, TARGETS[data[0] % len(TARGETS)])(data[1:])

    def read(self, data: bytes) -> None:
        suffix = SUFFIXES[data[0] % len(SUFFIXES)]
        for old in self.folder.iterdir():
            old.unlink()
        (self.folder / f"input{suffix}").write_bytes(data[1:])
        for paths in ([str(self.folder)], [str(self.folder / f"input{suffix}")]):
            self.check_read(list(self.api.ingest.read_documents(paths, self.settings)))

    def check_read(self, items: list) -> None:
        model = self.api.model
        for item in items:
            if isinstance(item, model.InputProblem):
                assert "\n" not in item.line() and "\r" not in item.line(), item.line()
                continue
            assert isinstance(item, model.Document), item
            for value in (item.id, item.source, item.text, item.html, item.url, item.title, item.published, item.outlet):
                if value is not None:
                    value.encode("utf-8")  # raises on a lone surrogate
            assert (item.text is None) != (item.html is None)
            assert item.text is None or len(item.text) <= self.api.settings.MAX_TEXT_CHARACTERS

    def decode(self, data: bytes) -> None:
        decode = self.api.ingest.decode
        for function in (decode.decode_text, decode.decode_html):
            try:
                text, warning = function(data)
            except decode.UndecodableError:
                continue
            text.encode("utf-8")
            assert warning is None or "\n" not in warning

    def dates(self, data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        found = self.api.ingest.dates.normalise_date(text)
        assert found is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", found), found
        self.api.ingest.dates.find_dateline(text, 400)

    def flatten(self, data: bytes) -> None:
        self.api.article.flatten.shallow_html(data.decode("utf-8", "replace"))

    def clean(self, data: bytes) -> None:
        title, _, body = data.decode("utf-8", "replace").partition("\n")
        self.check_clean(self.api.article.clean.clean_text(body, title=title or None))

    def extract(self, data: bytes) -> None:
        page = self.api.model.Document(id="a", source="a.html", html=data.decode("utf-8", "replace"))
        extraction = self.api.article.extract.extract(page, {}, self.settings)
        self.check_clean(self.api.article.clean.clean_text(extraction.text, title=extraction.title))

    @staticmethod
    def check_clean(cleaned) -> None:
        length = len(cleaned.text)
        assert all(r.at is None or 0 <= r.at <= length for r in cleaned.removed), cleaned.removed
        assert all(0 <= s.start <= s.end <= length for s in cleaned.sections), cleaned.sections


if __name__ == "__main__":
    sys.exit(main())
