"""Benchmark: how well an independent recognizer understands each voice, and each engine's cold render speed.

(a) Word error rate of pocketsphinx 5 (its bundled en-us model; a benchmark-only dependency) on every
    installed English voice over the distinct sentences of the bundled routines, rendered as the app
    renders them (the app's Renderer, normal speed). Target: at most 30% for the default voice. The ranking
    in kiosk/speech/voices.py (VOICE_RANKING) records these figures. Festival's voices, when the
    `festival` command is installed, are measured through that command for comparison (not an app engine).
(b) Cold render of the longest routine per engine (in a fresh process, an empty cache, as the app prepares
    a routine: its render thread and Renderer; Flite and espeak-ng render in that process,
    kiosk/speech/in_process.py) against that engine's own
    command rendering the same text in one process (`flite -f all.txt -o all.wav`, `espeak-ng -f ...`),
    and against `flite -t` once per sentence (what a command-driven engine would cost). Target <= 1.2x.
    The app keeps Flite's sound at the voice's own rate (the players take it as it is), as the command does.

(a) recognizes a fair sample of the sentences, the same for every voice: those whose text hashes to 0
modulo BENCH_WER_EVERY (default 6; 1 takes them all, as `make bench` did before at 10+ min), with a 95%
bootstrap interval over the sampled sentences; the recognizer runs on both cores (the same work for every
voice). pocketsphinx is deterministic, so what it heard is kept by the sound's SHA-256 (in this run, and in
the user cache folder for the next run: a voice whose sound did not change is not recognized again;
BENCH_WER_FRESH=1 ignores what was kept). Festival's voices (not app engines) are measured when
BENCH_WER_FESTIVAL=1 or named in BENCH_WER_VOICES. (b) alternates the app's render and the command
BENCH_COLD_RUNS times (default 3; a single run of a slow voice here once gave 0.58 and another 1.76) and
takes each one's median, so that a busy moment of a shared machine falls on both.

Prints figures and ratios measured in this run; asserts nothing. BENCH_WER_SENTENCES limits (a) to the
first N sentences of the sample; BENCH_WER_VOICES (comma-separated ids, festival:NAME too) to those
voices; BENCH_COLD_VOICES (comma-separated ids) limits (b); BENCH_PARTS=wer or cold runs one part.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_WER = 0.30
WER_EVERY = max(1, int(os.environ.get("BENCH_WER_EVERY", 6) or 6))
COLD_RUNS = max(1, int(os.environ.get("BENCH_COLD_RUNS", 3) or 3))
TARGET_RATIO = 1.2
RECOGNIZER_RATE = 16000


def routine_sentences() -> tuple[list[str], list[str]]:
    """Every distinct sentence of the bundled routines, and those of the longest routine."""
    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir

    timelines = [compile_routine(r) for r in load_routines(bundled_dir("routines")).routines.values()]
    every = list(dict.fromkeys(text for timeline in timelines for text in timeline.utterances()))
    longest = max(timelines, key=lambda t: len(t.utterances()))
    return every, longest.utterances()


# ---------------------------------------------------------------- (a) word error rate

def words(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]+", " ", text.lower().replace("-", " ")).split()


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions + deletions + insertions)."""
    row = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, heard in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != heard))
    return row[-1]


_decoder = None


def recognize(path: str) -> str:
    """What pocketsphinx hears in a WAV file (resampled to 16 kHz)."""
    global _decoder
    from pocketsphinx import Decoder

    from kiosk.speech import wav_samples

    if _decoder is None:
        _decoder = Decoder(samprate=RECOGNIZER_RATE, loglevel="FATAL")
    with wave.open(path, "rb") as sound:
        rate = sound.getframerate()
        samples = wav_samples.to_array(sound.readframes(sound.getnframes()))
    raw = wav_samples.to_bytes(wav_samples.resample(samples, rate, RECOGNIZER_RATE))
    _decoder.start_utt()
    _decoder.process_raw(raw, full_utt=True)
    _decoder.end_utt()
    hypothesis = _decoder.hyp()
    return hypothesis.hypstr if hypothesis else ""


def fair_sample(texts: list[str], every: int = WER_EVERY) -> list[str]:
    """The texts whose SHA-256 is 0 modulo `every`: a fixed sample, the same for every voice and run,
    unrelated to a sentence's length, place or wording."""
    return [t for t in texts if int(hashlib.sha256(t.encode("utf-8")).hexdigest()[:12], 16) % every == 0]


def bootstrap_interval(errors: list[int], counts: list[int], rounds: int = 2000) -> tuple[float, float]:
    """The 95% interval of errors/words when the sampled sentences are drawn again with replacement."""
    rng = random.Random(15)
    pairs = list(zip(errors, counts))
    rates = []
    for _ in range(rounds):
        drawn = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        rates.append(sum(e for e, _ in drawn) / max(1, sum(c for _, c in drawn)))
    rates.sort()
    return rates[int(0.025 * rounds)], rates[int(0.975 * rounds) - 1]


def render_with_app(voice_id: str, texts: list[str], folder: Path) -> list[str]:
    from kiosk.speech.cache import SpeechCache
    from kiosk.speech.render_process import Renderer, RenderRequest
    from kiosk.speech.voices import SPEED_RATES

    renderer = Renderer(SpeechCache(folder / "cache"), sentence_timeout=30)
    try:
        renderer.start()
        results = renderer.render_many([RenderRequest(t, voice_id, SPEED_RATES["normal"], 1.0) for t in texts])
        failed = [r for r in results if not isinstance(r, Path)]
        if failed:
            raise RuntimeError(f"{len(failed)} sentences failed with {voice_id}: {failed[0]}")
        return [str(path) for path in results]
    finally:
        renderer.close()


def render_with_festival(voice: str, texts: list[str], folder: Path) -> list[str]:
    paths = [str(folder / f"festival-{index}.wav") for index in range(len(texts))]
    script = [f"(voice_{voice})"] + [
        f'(utt.save.wave (utt.synth (Utterance Text "{text}")) "{path}" \'riff)' for text, path in zip(texts, paths)]
    subprocess.run(["festival", "--pipe"], input="\n".join(script), text=True, check=True, capture_output=True)
    return paths


_heard: dict[str, str] = {}     # what the recognizer heard, by the sound's hash


def _kept_file() -> Path:
    from importlib.metadata import version as installed

    import platformdirs

    version = installed("pocketsphinx")              # another recognizer version hears anew

    return Path(platformdirs.user_cache_dir("si-kiosk", appauthor=False)) / f"bench-heard-ps{version}.json"


def load_kept() -> int:
    """What earlier runs heard (unless BENCH_WER_FRESH); returns how many sounds."""
    import json

    if os.environ.get("BENCH_WER_FRESH"):
        return 0
    try:
        _heard.update(json.loads(_kept_file().read_text()))
    except (OSError, ValueError, ImportError):      # ImportError: importlib.metadata's PackageNotFoundError too
        pass
    return len(_heard)


def keep_heard() -> None:
    import json

    try:
        path = _kept_file()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(json.dumps(_heard))
        path.chmod(0o600)
    except (OSError, ImportError):
        pass


def sound_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def word_error_rate(texts: list[str], paths: list[str], pool: ProcessPoolExecutor
                    ) -> tuple[float, int, int, tuple[float, float]]:
    hashes = [sound_hash(path) for path in paths]
    new = {digest: path for digest, path in zip(hashes, paths) if digest not in _heard}
    _heard.update(zip(new, pool.map(recognize, list(new.values()), chunksize=4)))
    word_error_rate.fresh += len(new)
    errors = [edit_distance(words(text), words(_heard[digest])) for text, digest in zip(texts, hashes)]
    counts = [len(words(text)) for text in texts]
    return sum(errors) / sum(counts), sum(errors), sum(counts), bootstrap_interval(errors, counts)


word_error_rate.fresh = 0


def festival_voices() -> list[str]:
    if not shutil.which("festival"):
        return []
    found = []
    for voice, folder in (("cmu_us_slt_arctic_hts", "us/cmu_us_slt_arctic_hts"), ("kal_diphone", "english/kal_diphone")):
        if Path("/usr/share/festival/voices", folder).is_dir():
            found.append(voice)
    return found


def bench_wer(texts: list[str]) -> None:
    from kiosk.speech.voices import VOICE_RANKING, choose_voice, list_voices

    voices = [v for v in list_voices() if v.speaks("en") and (v.engine != "espeak" or v.id in ("gmw/en-us", "gmw/en"))]
    wanted = [v.strip() for v in os.environ.get("BENCH_WER_VOICES", "").split(",") if v.strip()]
    if wanted:
        voices = [v for v in voices if v.id in wanted]
    default = choose_voice(list_voices(), "", "en")
    print(f"(a) word error rate of pocketsphinx (en-us model) over {len(texts)} routine sentences "
          f"(every voice the same; 1 in {WER_EVERY} by text hash), {sum(len(words(t)) for t in texts)} words, "
          "normal speed; [95% bootstrap interval over the sentences]")
    results = []
    with ProcessPoolExecutor(max_workers=2) as pool, tempfile.TemporaryDirectory(prefix="bench-wer-") as scratch:
        for voice in voices:
            folder = Path(scratch, voice.id.replace("/", "_").replace(":", "_"))
            started = time.perf_counter()
            paths = render_with_app(voice.id, texts, folder)
            rendered = time.perf_counter() - started
            rate, errors, total, (low, high) = word_error_rate(texts, paths, pool)
            results.append((rate, voice.id))
            print(f"  {voice.id:<22} {voice.engine:<8} WER {rate:6.1%} [{low:.0%}-{high:.0%}] ({errors}/{total})  "
                  f"rendered in {rendered:.1f} s{'   <- default' if default and voice.id == default.id else ''}",
                  flush=True)
        for festival in festival_voices():
            if f"festival:{festival}" in wanted or (not wanted and os.environ.get("BENCH_WER_FESTIVAL")):
                folder = Path(scratch, "festival-" + festival)
                folder.mkdir()
                started = time.perf_counter()
                paths = render_with_festival(festival, texts, folder)
                rendered = time.perf_counter() - started
                rate, errors, total, (low, high) = word_error_rate(texts, paths, pool)
                print(f"  festival:{festival:<13} festival WER {rate:6.1%} [{low:.0%}-{high:.0%}] ({errors}/{total})  rendered in "
                      f"{rendered:.1f} s (the festival command; not an app engine)", flush=True)
    results.sort()
    print("  measured ranking: " + ", ".join(voice_id for _rate, voice_id in results))
    ranked = [v for v in VOICE_RANKING["en"] if any(v == voice_id for _r, voice_id in results)]
    print("  recorded ranking: " + ", ".join(ranked))
    if default:
        rate = next((r for r, voice_id in results if voice_id == default.id), None)
        if rate is not None:
            print(f"  default voice {default.id}: WER {rate:.1%}; ratio to the {TARGET_WER:.0%} target: "
                  f"{rate / TARGET_WER:.2f}")
        espeak = next((r for r, voice_id in results if voice_id == "gmw/en-us"), None)
        if rate is not None and espeak:
            print(f"  ratio default / espeak-ng en-us: {rate / espeak:.2f}")


# ---------------------------------------------------------------- (b) cold render against the engine's command

def cold_render(voice_id: str, texts: list[str]) -> tuple[float, float]:
    """Seconds for the app to render `texts` into an empty cache as it prepares a routine, from its renderer's
    start, and that start alone, in a fresh process (`cold_child`): no engine loaded before, as at the app's
    own cold start (Flite's and espeak-ng's voices render in the app's process, kiosk/speech/in_process.py;
    once loaded they stay)."""
    import json

    done = subprocess.run([sys.executable, __file__, "--cold-child", voice_id], input=json.dumps(texts), text=True,
                          capture_output=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures.get("failed"):
        raise RuntimeError(f"{figures['failed']} sentences failed with {voice_id}: {figures['first']}")
    cold_render.cpu.append(figures["cpu"])
    return figures["total"], figures["start"]


cold_render.cpu = []      # processor seconds of each cold render (every thread of the fresh process)


def cold_child(voice_id: str) -> int:
    """One cold render in this fresh process, the way the app prepares a routine (Speaker.prepare): every
    sentence queued to its render thread (kiosk/speech/render_thread.py, which hands them to the Renderer in
    batches) before the first is done. First the modules a running app has imported when its renderer starts
    (its command line, kiosk.cli, which brings argparse and gettext; Qt's core; the cache; the renderer and
    its thread: a `kiosk run` has these and no engine module); then the clock runs from the render thread's
    start (its engines loaded) to the last sentence in the cache."""
    import json
    import resource

    import kiosk.cli  # noqa: F401 - imported, as in the app, before its renderer starts
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.speech.cache import SpeechCache
    from kiosk.speech.render_process import Renderer, RenderRequest
    from kiosk.speech.render_thread import AHEAD, RenderJob, RenderThread

    texts = list(dict.fromkeys(json.loads(sys.stdin.read())))
    app = QCoreApplication.instance() or QCoreApplication([])
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    rendered, failed, marks = [], [], {}

    def count(_generation, text, *path) -> None:      # rendered(generation, text, path) or render_failed
        (rendered if path else failed).append(text)
        if len(rendered) + len(failed) == len(texts):
            marks["done"] = time.perf_counter()
            app.quit()
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        processor = time.process_time()
        started = time.perf_counter()
        thread = RenderThread(Renderer(SpeechCache(Path(scratch)), sentence_timeout=30))
        thread.engine_ready.connect(lambda *_: marks.setdefault("ready", time.perf_counter()))
        thread.rendered.connect(count)
        thread.render_failed.connect(count)
        thread.start()
        for text in texts:
            thread.submit(RenderJob(0, RenderRequest(text, voice_id, 155, 1.0)), AHEAD)
        QTimer.singleShot(120_000, app.quit)
        app.exec()
        processor = time.process_time() - processor
        in_process = thread._renderer.in_process
        thread.shutdown()      # a worker process (when one rendered) ends and is waited for: its time counts too
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    processor += after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    total = marks.get("done", time.perf_counter()) - started
    print(json.dumps({"total": total, "start": marks.get("ready", started) - started, "cpu": processor,
                      "failed": len(texts) - len(rendered), "first": str(failed[:1]), "in_process": in_process}))
    return 0


def timed(command: list[str]) -> float:
    import resource

    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    timed.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


timed.cpu = []            # processor seconds of each command run


def bench_cold(texts: list[str]) -> None:
    from kiosk.speech.voices import list_voices

    installed = {v.id for v in list_voices()}
    print(f"(b) cold render of the longest routine, {len(texts)} sentences, as the app prepares it (its render "
          "thread and Renderer) in a fresh process "
          "(no engine loaded) and an empty cache, "
          "against the engine's own command rendering the same text in one process")
    with tempfile.TemporaryDirectory(prefix="bench-command-") as scratch:
        text_file = Path(scratch, "all.txt")
        text_file.write_text("\n".join(texts) + "\n")
        cases = []
        from kiosk.speech.engine_flite import duration_stretch

        stretch = f"duration_stretch={duration_stretch(155):.4f}"    # the same pace as the app's
        if shutil.which("flite"):
            for short in ("kal16", "rms", "slt"):
                if f"flite:{short}" in installed:
                    cases.append((f"flite:{short}", ["flite", "-voice", short, "--setf", stretch, "-f",
                                                     str(text_file), "-o", str(Path(scratch, "all.wav"))], short))
        if shutil.which("espeak-ng") and "gmw/en-us" in installed:
            cases.append(("gmw/en-us", ["espeak-ng", "-v", "en-us", "-s", "155", "-f", str(text_file),
                                        "-w", str(Path(scratch, "all.wav"))], None))
        wanted = [v.strip() for v in os.environ.get("BENCH_COLD_VOICES", "").split(",") if v.strip()]
        for voice_id, command, flite_voice in cases:
            if wanted and voice_id not in wanted:
                continue
            cold_render.cpu.clear()
            timed.cpu.clear()
            runs = [(cold_render(voice_id, texts), timed(command)) for _ in range(COLD_RUNS)]
            ours_cpu, theirs_cpu = statistics.median(cold_render.cpu), statistics.median(timed.cpu)
            ours = statistics.median(run[0][0] for run in runs)
            start = statistics.median(run[0][1] for run in runs)
            theirs = statistics.median(run[1] for run in runs)
            pairs = ", ".join(f"{o * 1000:.0f}/{t * 1000:.0f}" for (o, _s), t in runs)
            rendering = statistics.median(o - s for (o, s), _t in runs)
            print(f"  {voice_id:<12} app     {ours * 1000:7.0f} ms (its start {start * 1000:.0f} ms); "
                  f"`{command[0]}` on the whole text {theirs * 1000:7.0f} ms; ratio {ours / theirs:.2f} "
                  f"(target {TARGET_RATIO}); median of {len(runs)} alternating runs, ms: {pairs}", flush=True)
            print(f"  {'':<12} without its start (a running app's renderer starts with the app; the command's time "
                  f"holds its own start): {rendering * 1000:.0f} ms, ratio {rendering / theirs:.2f}")
            print(f"  {'':<12} processor time (every thread; less moved by a busy machine than the clock): app "
                  f"{ours_cpu * 1000:.0f} ms, `{command[0]}` {theirs_cpu * 1000:.0f} ms; ratio {ours_cpu / theirs_cpu:.2f}")
            if flite_voice == "kal16":
                started = time.perf_counter()
                for index, text in enumerate(texts):
                    subprocess.run(["flite", "-voice", flite_voice, "--setf", stretch, "-t", text, "-o",
                                    str(Path(scratch, f"s{index}.wav"))], check=True, capture_output=True)
                each = time.perf_counter() - started
                print(f"  {'':<12} `flite -t` once per sentence {each * 1000:7.0f} ms: libflite in the app is "
                      f"{each / ours:.2f}x as fast")


def main() -> int:
    from kiosk.speech.voices import list_voices

    try:
        list_voices()
    except RuntimeError as error:
        print(f"skipped: no speech engine ({error})")
        return 0
    every, longest = routine_sentences()
    limit = int(os.environ.get("BENCH_WER_SENTENCES", 0) or 0)
    parts = os.environ.get("BENCH_PARTS", "cold,wer").split(",")
    if "cold" in parts:
        started = time.perf_counter()
        bench_cold(longest)
        print(f"  (b) took {time.perf_counter() - started:.0f} s")
    if "wer" not in parts:
        return 0
    try:
        import pocketsphinx  # noqa: F401
    except ImportError:
        print("(a) skipped: pocketsphinx is not installed (pip install '.[test]')")
        return 0
    sample = fair_sample(every)
    started = time.perf_counter()
    kept = load_kept()
    bench_wer(sample[:limit] if limit else sample)
    keep_heard()
    print(f"  (a) took {time.perf_counter() - started:.0f} s; {word_error_rate.fresh} sounds recognized in this run, "
          f"the others' result kept from an earlier run ({kept} kept; BENCH_WER_FRESH=1 recognizes all)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold-child"]:
        sys.exit(cold_child(sys.argv[2]))
    sys.exit(main())
