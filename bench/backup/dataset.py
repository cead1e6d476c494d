#!/usr/bin/env python3
"""Mixed benchmark data: 20 % many small files, 40 % compressible logs, 40 % incompressible random.
Deterministic for a given size. With --change P, rewrites about P % of the bytes (a slice of each large file,
some small files) so an incremental backup has real work to do."""
import os, random, sys

def main():
    root, size_mib = sys.argv[1], int(sys.argv[2])
    change = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--change" else 0
    total = size_mib * 1024 * 1024
    rng = random.Random(42 + change)
    os.makedirs(root, exist_ok=True)
    small = os.path.join(root, "small")
    if change == 0:
        make_small(small, total // 5, random.Random(1))
        make_logs(os.path.join(root, "logs"), total * 2 // 5, random.Random(2))
        make_random(os.path.join(root, "random"), total * 2 // 5, random.Random(3))
    else:
        for folder in ("logs", "random"):
            for name in sorted(os.listdir(os.path.join(root, folder))):
                path = os.path.join(root, folder, name)
                length = os.path.getsize(path)
                with open(path, "r+b") as f:
                    f.seek(rng.randrange(0, max(1, length - length * change // 100)))
                    f.write(rng.randbytes(length * change // 100))
        names = sorted(os.path.relpath(os.path.join(folder, name), small)
                       for folder, _, files in os.walk(small) for name in files)
        for name in names[: len(names) * change // 100]:
            with open(os.path.join(small, name), "wb") as f:
                f.write(rng.randbytes(rng.randrange(1024, 65536)))

def make_small(folder, budget, rng):
    os.makedirs(folder, exist_ok=True)
    i = 0
    while budget > 0:
        n = min(budget, rng.randrange(1024, 65536))
        sub = os.path.join(folder, f"d{i // 500:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"f{i:06d}"), "wb") as f:
            f.write(rng.randbytes(n // 2) + b"x" * (n - n // 2))
        budget -= n
        i += 1

def make_logs(folder, budget, rng):
    os.makedirs(folder, exist_ok=True)
    words = [w.encode() for w in "alpha beta gamma delta error info warn user request time GET POST 200 404".split()]
    for i in range(4):
        with open(os.path.join(folder, f"app{i}.log"), "wb") as f:
            written, target = 0, budget // 4
            while written < target:
                line = b" ".join(rng.choice(words) for _ in range(10)) + b" %d\n" % rng.randrange(10**9)
                f.write(line)
                written += len(line)

def make_random(folder, budget, rng):
    os.makedirs(folder, exist_ok=True)
    for i in range(4):
        with open(os.path.join(folder, f"blob{i}.bin"), "wb") as f:
            left = budget // 4
            while left > 0:
                n = min(left, 1 << 24)
                f.write(rng.randbytes(n))
                left -= n

if __name__ == "__main__":
    main()
