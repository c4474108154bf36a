"""Writes the corpus of duration texts that parse_duration.go reads: edge cases
by hand, then random sequences of number and unit pieces from a fixed seed, so
that the corpus (and Go's answers to it) can be made again byte for byte.

    python3 gen_corpus.py | go run parse_duration.go > parse-duration.go1.24.4.tsv
"""

import random

EDGES = [
    "0", "-0", "+0", "00", "0s", "-", "+", ".", "-.", ".s", "5.s", ".5s", "1..5s",
    "3", "1d", "1e3s", "1e400h", "1.5 s", " 5s", "5s ", "NaN", "inf", "∞", "µ", "1µ",
    "9223372036854775807ns", "9223372036854775808ns", "-9223372036854775808ns",
    "-9223372036854775809ns", "9223372036854775808ns9223372036854775808ns",
    "-9223372036854775808ns9223372036854775808ns", "2562047h47m16.854775807s",
    "2562047h47m16.854775808s", "-2562047h47m16.854775808s", "2562048h",
    "0.3333333333333333333h", "0.9999999999999999999999999999h", ".9999999999999999999999ns",
    "340282366920938463463374607431768211.999us", "18446744073709551616ns",
    "1h2m3s4ms5us6ns", "1µs", "1μs", "1us", "10m0s", "24h", "24h0m0.000000001s",
    "99999999999999999999999999999999999999999h",
]

PIECES_NUM = ["0", "1", "5", "9", "10", "59", "60", "100", "999", "1000", "3600",
              "9223372036854775807", "9223372036854775808", "922337203685477580",
              "2562047", "18446744073709551615", "99999999999999999999", ""]
PIECES_FRAC = ["", "", "", ".", ".0", ".5", ".001", ".999999999", ".3333333333333333333",
               ".0000000001", ".99999999999999999999", ".854775807", ".854775808"]
PIECES_UNIT = ["ns", "us", "µs", "μs", "ms", "s", "m", "h", "", "d", "S", "mss", " ", "e3"]


def random_text(rng):
    out = rng.choice(["", "", "", "-", "+"])
    for _ in range(rng.randint(1, 4)):
        out += rng.choice(PIECES_NUM) + rng.choice(PIECES_FRAC) + rng.choice(PIECES_UNIT)
    return out


def main():
    rng = random.Random(9)
    seen = set()
    lines = []
    for text in EDGES + [random_text(rng) for _ in range(4000)]:
        if text not in seen:
            seen.add(text)
            lines.append(text)
    print("\n".join(lines))


main()
