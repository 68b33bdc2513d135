"""kill -9 at random moments of every save path; prints how many models and samples were lost.

    python benchmarks/kill_saves.py [ROUNDS] [--seed N]

Each round starts one or two digitpad processes (two instances at once in about half the rounds)
on one shared data folder. Each loops over random save paths of the model history and the
handwriting samples: add a model ("Use this model", CLI train, Load), pick an earlier one (Model
history), Revert, Personalise + Undo, keep a sample; some rounds start from an old-layout
``models/current.npz`` + ``previous.npz`` that must migrate. A journal line is written before and
after each operation. In three rounds of four every process gets SIGKILL 0-1.5 s after its start-up
finished, otherwise 0.2-2.5 s after it was started (start-up and migration included), then the checks run as
a fresh start would:

- the current model (and the previous one) load; no file had to be quarantined;
- every model whose operation finished is in the history and loads (pruning is switched off in
  the children so that "lost" cannot hide behind it; pruning is unit-tested);
- every sample whose save finished is listed and reads; no sample file is unreadable;
- after start-up no temporary file is left in the history folder.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

OPS = ("add", "select", "revert", "personalise_undo", "sample")


def child(journal: Path, seed: int) -> None:
    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader
    from digitpad.store import model_history
    from digitpad.store import samples as personal

    model_history.KEEP = 1_000_000  # nothing is pruned: every finished model must be there
    rng = random.Random(seed)
    log = open(journal, "a", buffering=1)  # noqa: SIM115 - line-buffered, open until killed
    log.write("begin start-up\n")
    model_history.load_current()  # start-up: migration and clean-up, as the app does
    log.write("ready\n")
    step = 0
    while True:
        op = rng.choice(OPS)
        step += 1
        log.write(f"begin {op}\n")
        tag = f"{seed}-{step}"
        if op == "add":
            m = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(step)))
            path = model_history.add(m, {"preset": tag})
            log.write(f"model {path.stem}\n")
        elif op == "select":
            ids = [e.id for e in model_history.entries()] or [model_history.SHIPPED]
            try:
                model_history.select(rng.choice(ids))
            except Exception as exc:  # noqa: BLE001 - report, do not hide
                log.write(f"error {type(exc).__name__}: {exc}\n")
        elif op == "revert":
            model_history.select(model_history.SHIPPED)
        elif op == "personalise_undo":
            base = model_history.read_pointer()["current"]
            meta = {"personalised_from": "shipped" if base == "shipped" else "user"}
            if base != "shipped":
                meta["personalised_from_id"] = base
            m = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(step)))
            path = model_history.add(m, meta)
            log.write(f"model {path.stem}\n")
            model_history.select(model_history.undo_target(meta))
        else:
            sample = personal.save_sample(step % 10, np.zeros(784, np.float32), [[(0.1, 0.2)]])
            log.write(f"sample {sample.id}\n")
        log.write(f"end {op}\n")


def write_legacy(home: Path, rng: random.Random) -> None:
    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader
    from digitpad.store.modelfile import save_model

    folder = home / "models"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("previous", "current"):
        m = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(rng.randrange(1000))))
        save_model(m, folder / f"{name}.npz", preset=f"legacy-{name}")


def check(home: Path, journals: list[Path]) -> dict:
    os.environ["DIGITPAD_HOME"] = str(home)
    from digitpad import startup
    from digitpad.store import model_history
    from digitpad.store import samples as personal
    from digitpad.store.modelfile import load_model

    startup._sessions.clear()
    result = Counter()
    startup.prepare_session()
    current = model_history.load_current()
    result["current_unreadable"] += any("could not be read" in n for n in current.notices)
    previous = model_history.read_pointer()["previous"]
    if previous and previous != model_history.SHIPPED:
        try:
            load_model(model_history.entry_path(previous))
        except Exception:  # noqa: BLE001
            result["previous_unreadable"] += 1
    lines = [line.split() for j in journals if j.exists() for line in j.read_text().splitlines()]
    for words in lines:
        if words[0] == "model":
            result["models_finished"] += 1
            try:
                load_model(model_history.entry_path(words[1]))
            except Exception:  # noqa: BLE001
                result["models_lost"] += 1
        elif words[0] == "error":
            result["errors"] += 1
    samples, skipped = personal.list_samples()
    have = {s.id for s in samples}
    finished = [w[1] for w in lines if w[0] == "sample"]
    result["samples_finished"] += len(finished)
    result["samples_lost"] += sum(s not in have for s in finished)
    result["samples_unreadable"] += skipped + sum(personal.read_sample(s.id) is None for s in samples)
    presets = {(e.metadata or {}).get("preset") for e in model_history.entries()}
    legacy = [home / "models" / f"{n}.npz" for n in ("previous", "current")]
    for name, path in zip(("previous", "current"), legacy):
        if (home / "legacy-written").exists() and f"legacy-{name}" not in presets and not path.exists():
            result["legacy_lost"] += 1
    result["temps_left_in_history"] += len(list(model_history.history_dir().glob("*.tmp")))
    quarantine = home / "quarantine"
    result["quarantined"] += len(list(quarantine.iterdir())) if quarantine.is_dir() else 0
    return result


def _moment(last: list[str]) -> str:
    """What a killed process was doing, from its journal's last line."""
    if last[0] == "begin":
        return last[1]
    if last[0] in ("model", "sample"):
        return "just after a save, before its journal line 'end'"
    return "Python start-up (no journal yet)" if last[0] == "none" else "between operations"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rounds", type=int, nargs="?", default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    totals, killed_in = Counter(), Counter()
    two = 0
    for round_no in range(args.rounds):
        home = Path(tempfile.mkdtemp(prefix="digitpad-kill-"))
        if rng.random() < 0.2:
            write_legacy(home, rng)
            (home / "legacy-written").touch()
        n = 2 if rng.random() < 0.5 else 1
        two += n == 2
        journals = [home / f"journal-{k}.txt" for k in range(n)]
        env = dict(os.environ, DIGITPAD_HOME=str(home))
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--child", str(j), str(rng.randrange(10**6))], env=env
            )
            for j in journals
        ]
        if rng.random() < 0.75:  # most kills land in the save loop, the others anywhere
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not all(
                j.exists() and "ready" in j.read_text() for j in journals
            ):
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            time.sleep(rng.uniform(0.2, 2.5))
        for proc in procs:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        for j in journals:
            lines = j.read_text().splitlines() if j.exists() else []
            killed_in[_moment(lines[-1].split() if lines else ["none"])] += 1
        totals += check(home, journals)
        shutil.rmtree(home, ignore_errors=True)
        if round_no % 10 == 9:
            print(f"{round_no + 1} rounds ...", file=sys.stderr, flush=True)
    print(
        f"rounds: {args.rounds} ({two} with two instances at once); processes killed: {sum(killed_in.values())}"
    )
    print("killed while in: " + ", ".join(f"{k} {v}" for k, v in sorted(killed_in.items())))
    for key in (
        "models_finished",
        "models_lost",
        "samples_finished",
        "samples_lost",
        "samples_unreadable",
        "current_unreadable",
        "previous_unreadable",
        "legacy_lost",
        "quarantined",
        "temps_left_in_history",
        "errors",
    ):
        print(f"{key}: {totals[key]}")
    lost = sum(
        totals[k]
        for k in (
            "models_lost",
            "samples_lost",
            "samples_unreadable",
            "current_unreadable",
            "previous_unreadable",
            "legacy_lost",
        )
    )
    return 1 if lost else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(main())
