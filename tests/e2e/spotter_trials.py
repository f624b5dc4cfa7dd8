"""An offline harness for the command spotter: rendered commands and other speech through CommandSpotter, no GUI, no sound server.

Two sets of commands said by Flite's voices: "test" (the variations the e2e test and the bench use,
tests/e2e/spoken_commands.py VARIATIONS) and "dev" (other pitches, tempos and noise seeds), so that
thresholds tuned on dev are judged on test. Each clip is fed in 0.1 s blocks between stretches of
room noise, as the listener hands the microphone over, all through one spotter as in the app; a clip counts as heard right when the right
phrase is found and its block ends within REACTION_S of the word's end (stream time, plus the CPU
the decoding took). Other speech: the ten minutes of tests/e2e/test_listening_other_speech.py.

    PYTHONPATH=. python tests/e2e/spotter_trials.py [dev|test|both] [--other SECONDS] [--impostors] [--app]
        [--single BAR]   (one bar for every phrase, as before the per-phrase bars)
        [--ceiling [WARPS]]   (what no bars can better: the clips whose phrase the grammar finds at all)
"""

from __future__ import annotations

import argparse
import collections
import itertools
import sys
import tempfile
import time
from pathlib import Path

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spoken_commands  # noqa: E402
from spoken_commands import RATE, Clip  # noqa: E402

BLOCK = 1600                 # samples: 0.1 s, as the listener hands it over
BEFORE_S, AFTER_S = 1.0, 1.6
REACTION_S = 1.0
DEV_VARIATIONS = ((-60, 0.96), (220, 1.05), (80, 0.9), (-220, 1.1), (420, 1.0))
PHRASES = ["pause", "resume", "go on", "next", "back", "repeat", "it hurts"]
CACHE = Path(tempfile.gettempdir()) / "kiosk-spotter-trials"


def clips(which: str, folder: Path = CACHE) -> list[Clip]:
    """Every phrase by every voice in every variation of the set (175 clips), noise mixed in."""
    variations, seed = (spoken_commands.VARIATIONS, 0) if which == "test" else (DEV_VARIATIONS, 5000)
    made = []
    for index, (words, variation, voice) in enumerate(itertools.product(PHRASES, variations, spoken_commands.VOICES)):
        clean = spoken_commands.flite(words, voice, folder, *variation)
        made.append(Clip(words, voice, variation, spoken_commands.with_noise(clean, seed + index),
                         spoken_commands.word_end(clean)))
    return made


def _feed(spotter, samples: numpy.ndarray):
    """Feed in blocks; yields (detection, stream seconds at the end of its block, CPU seconds of that block)."""
    data = samples.astype("<i2").tobytes()
    for start in range(0, len(data), BLOCK * 2):
        cpu = time.process_time()
        found = spotter.feed(data[start:start + BLOCK * 2])
        spent = time.process_time() - cpu
        for detection in found:
            yield detection, (start // 2 + min(BLOCK, (len(data) - start) // 2)) / RATE, spent


def run_clip(spotter, clip: Clip, seed: int) -> list[tuple[str, float, float]]:
    """What the spotter found for one clip: (words, confidence, reaction from the word's end)."""
    before = spoken_commands.room_noise(int(BEFORE_S * RATE), seed=seed + 1)
    after = spoken_commands.room_noise(int(AFTER_S * RATE), seed=seed + 2)
    samples = numpy.clip(numpy.concatenate([before, clip.samples.astype(float), after]), -32768, 32767)
    word_end = BEFORE_S + clip.word_end
    return [(d.words, d.confidence, at + spent - word_end) for d, at, spent in _feed(spotter, samples)]


def trial(which: str, make_spotter) -> dict:
    """Every clip of the set, in a shuffled order, through one spotter (as the app's, whose noise removal keeps
    its noise estimate from one utterance to the next); a summary per phrase."""
    results = []
    spotter = make_spotter()
    made = clips(which)
    order = numpy.random.default_rng(1).permutation(len(made))
    for index in order:
        clip = made[index]
        results.append((clip, run_clip(spotter, clip, 7000 + int(index))))
    return summarise(results)


def summarise(results) -> dict:
    per = collections.defaultdict(lambda: collections.Counter())
    reactions, lines = [], []
    for clip, found in results:
        right = [f for f in found if f[0] == clip.words]
        wrong = [f for f in found if f[0] != clip.words]
        if right and right[0][2] <= REACTION_S and not wrong:
            per[clip.words]["ok"] += 1
            reactions.append(right[0][2])
        elif wrong:
            per[clip.words]["wrong"] += 1
            lines.append(f"{clip.words} {clip.voice} {clip.variation}: heard {wrong}")
        elif right:
            per[clip.words]["late"] += 1
            lines.append(f"{clip.words} {clip.voice} {clip.variation}: late {right}")
        else:
            per[clip.words]["missed"] += 1
            lines.append(f"{clip.words} {clip.voice} {clip.variation}: missed")
        per[clip.words]["n"] += 1
    total = sum(c["n"] for c in per.values())
    ok = sum(c["ok"] for c in per.values())
    reactions.sort()
    return {"ok": ok, "n": total, "per": {k: dict(v) for k, v in per.items()}, "lines": lines,
            "p50": reactions[len(reactions) // 2] if reactions else None,
            "p95": reactions[int(0.95 * (len(reactions) - 1))] if reactions else None}


def other(make_spotter, seconds: float) -> tuple[list, float]:
    """False commands in `seconds` of other speech; and the CPU it took per second of audio."""
    speech = spoken_commands.other_speech(CACHE, seconds)
    spotter = make_spotter()
    cpu = time.process_time()
    heard = [(d.words, round(d.ended, 1), round(d.confidence, 1)) for d, _, _ in _feed(spotter, speech)]
    return heard, (time.process_time() - cpu) / (len(speech) / RATE)


def app_voice(make_spotter) -> list:
    """The app's own voice (espeak-ng) saying the command words: what the spotter takes from it (the echo
    guard ignores it while the app speaks; this is what an echo would give without the guard)."""
    from kiosk.core.phrases import PHRASES_EN

    sentences = [text for text in PHRASES_EN.values() if isinstance(text, str)]
    speech = spoken_commands.with_noise(spoken_commands.app_speech(CACHE, sentences), seed=3)
    spotter = make_spotter()
    return [(d.words, round(d.ended, 1), round(d.confidence, 1)) for d, _, _ in _feed(spotter, speech)]


#: short words someone may say on the mat, none a command; several sound like one ("bag", "neck", "gone")
IMPOSTORS = ("hold", "three", "two", "one", "okay", "yes", "no", "thanks", "good", "relax", "breathe in", "stop",
             "wait", "hello", "right", "left", "now", "again", "done", "neck", "bag", "pass", "text", "heat",
             "peace", "music", "hurry", "go home", "gone", "well done", "slowly", "lift", "knees", "rest", "sit up")


def impostors(make_spotter) -> list:
    """What the spotter takes for a command among IMPOSTORS said by each voice, as said and higher and faster."""
    heard, spotter = [], make_spotter()
    for index, (words, variation, voice) in enumerate(
            itertools.product(IMPOSTORS, ((0, 1.0), (200, 1.08)), spoken_commands.VOICES)):
        clean = spoken_commands.flite(words, voice, CACHE, *variation)
        clip = Clip(words, voice, variation, spoken_commands.with_noise(clean, 9000 + index),
                    spoken_commands.word_end(clean))
        heard += [(words, found, round(confidence, 1)) for found, confidence, _ in run_clip(spotter, clip, 9500 + index)]
    return heard


def ceiling(which: str, warps: tuple[float, ...]) -> tuple[list[int], int]:
    """The clips of the set (in the trial's order, through one spotter) whose own phrase is the grammar's best
    path through at least one of the first 1, 2, ... front ends (the plain one, then each of `warps`), bars
    aside: no bars, and no rule for choosing between front ends, hear more than that."""
    from kiosk.hearing.spotter import CommandSpotter

    class EveryFront(CommandSpotter):
        """Records what the grammar finds through every front end for each utterance, and takes nothing."""

        found: list = []

        def _decode(self, audio: bytes, began: float, ended: float):
            self.found.append([self._judge(front, audio) for front in self._fronts])
            return None

    spotter, made = EveryFront(PHRASES, warps=warps), clips(which)
    reached = [0] * (len(warps) + 1)
    for index in numpy.random.default_rng(1).permutation(len(made)):
        spotter.found = []
        run_clip(spotter, made[index], 7000 + int(index))
        for count in range(len(reached)):
            phrases = [[judged and judged[0] for judged in fronts[:count + 1]] for fronts in spotter.found]
            reached[count] += any(made[index].words in found for found in phrases)
    return reached, len(made)


def report(name: str, summary: dict) -> None:
    print(f"{name}: {summary['ok']}/{summary['n']} ({summary['ok'] / summary['n']:.1%}) heard right within "
          f"{REACTION_S} s; reaction p50 {summary['p50']:.3f} s p95 {summary['p95']:.3f} s")
    for words, counts in sorted(summary["per"].items()):
        print(f"  {words:9} {counts}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", nargs="?", default="both", choices=("dev", "test", "both"))
    parser.add_argument("--other", type=float, default=0.0, help="seconds of other speech for false commands")
    parser.add_argument("--app", action="store_true", help="the app's own voice, unguarded")
    parser.add_argument("--impostors", action="store_true", help="short words that are no command")
    parser.add_argument("--single", type=float, default=None, help="one bar for every phrase instead of the tuned ones")
    parser.add_argument("--ceiling", nargs="?", const="0.9,0.85,0.8,0.95,1.1", default=None, metavar="WARPS",
                        help="the clips whose phrase the grammar finds through the plain front end, then these warps")
    parser.add_argument("-v", action="store_true", help="every miss")
    args = parser.parse_args()
    sets = ("dev", "test") if args.which == "both" else (args.which,)
    if args.ceiling:
        warps = tuple(float(warp) for warp in args.ceiling.split(","))
        for which in sets:
            reached, total = ceiling(which, warps)
            fronts = ["plain"] + [str(warp) for warp in warps]
            print(f"{which}: the right phrase found at all through the front ends " +
                  "; ".join(f"{' '.join(fronts[:count + 1])}: {hits}/{total}" for count, hits in enumerate(reached)))
        return 0
    from kiosk.hearing.spotter import CommandSpotter

    def make():
        return CommandSpotter(PHRASES, None if args.single is None else dict.fromkeys(PHRASES, args.single))
    for which in sets:
        summary = trial(which, make)
        report(which, summary)
        if args.v:
            print("   " + "\n   ".join(summary["lines"]))
    if args.other:
        heard, cpu = other(make, args.other)
        print(f"other speech {args.other:.0f} s: {len(heard)} false commands {heard}; CPU {cpu:.1%} of a core per s")
    if args.impostors:
        heard = impostors(make)
        print(f"short words that are no command: {len(heard)} of {len(IMPOSTORS) * 10} taken for a command: {heard}")
    if args.app:
        print(f"the app's own voice: {app_voice(make)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
