"""A small QR code reader for the tests (versions 1-10, every error-correction level): it reads a
module matrix back to its text, independently of segno, which drew it.  It checks every block's
Reed-Solomon syndromes (an undamaged code has none) and reads numeric, alphanumeric and byte
segments.  Not a scanner: the matrix must be upright and whole (what the game draws)."""

from __future__ import annotations

# error-correction codewords per block and number of blocks, by level and version 1..10 (ISO/IEC 18004 table 9)
ECC_PER_BLOCK = {"L": (7, 10, 15, 20, 26, 18, 20, 24, 30, 18), "M": (10, 16, 26, 18, 24, 16, 18, 22, 22, 26),
                 "Q": (13, 22, 18, 26, 18, 24, 18, 22, 20, 24), "H": (17, 28, 22, 16, 22, 28, 26, 26, 24, 28)}
BLOCKS = {"L": (1, 1, 1, 1, 1, 2, 2, 2, 2, 4), "M": (1, 1, 1, 2, 2, 4, 4, 4, 5, 5),
          "Q": (1, 1, 2, 2, 4, 4, 6, 6, 8, 8), "H": (1, 1, 2, 4, 4, 4, 5, 6, 8, 8)}
LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
MASKS = (lambda x, y: (x + y) % 2 == 0, lambda x, y: y % 2 == 0, lambda x, y: x % 3 == 0,
         lambda x, y: (x + y) % 3 == 0, lambda x, y: (x // 3 + y // 2) % 2 == 0,
         lambda x, y: x * y % 2 + x * y % 3 == 0, lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
         lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0)
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


class QrError(ValueError):
    pass


def _format_code(level: str, mask: int) -> int:
    data = LEVEL_BITS[level] << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    return (data << 10 | rem) ^ 0x5412


def _format_bits(m: list[list[bool]]) -> tuple[int, int]:
    """The two copies of the 15 format bits (m[y][x])."""
    n = len(m)
    first = [m[i][8] for i in range(6)] + [m[7][8], m[8][8], m[8][7]] + [m[8][14 - i] for i in range(9, 15)]
    second = [m[8][n - 1 - i] for i in range(8)] + [m[n - 15 + i][8] for i in range(8, 15)]
    return (sum(b << i for i, b in enumerate(first)), sum(b << i for i, b in enumerate(second)))


def _alignment(version: int, n: int) -> list[int]:
    if version == 1:
        return []
    k = version // 7 + 2
    step = (version * 8 + k * 3 + 5) // (k * 4 - 4) * 2
    return [6] + sorted(n - 7 - i * step for i in range(k - 1))


def _function_modules(version: int, n: int) -> list[list[bool]]:
    f = [[False] * n for _ in range(n)]

    def area(x0: int, y0: int, w: int, h: int) -> None:
        for y in range(max(0, y0), min(n, y0 + h)):
            for x in range(max(0, x0), min(n, x0 + w)):
                f[y][x] = True

    area(0, 0, 9, 9)  # finders with their separators and the format bits
    area(n - 8, 0, 8, 9)
    area(0, n - 8, 9, 8)  # (the dark module too)
    area(6, 0, 1, n)  # timing
    area(0, 6, n, 1)
    pos = _alignment(version, n)
    for cy in pos:
        for cx in pos:
            if (cx, cy) in ((6, 6), (6, pos[-1]), (pos[-1], 6)):
                continue
            area(cx - 2, cy - 2, 5, 5)
    if version >= 7:
        area(n - 11, 0, 3, 6)
        area(0, n - 11, 6, 3)
    return f


def _raw_codewords(version: int) -> int:
    bits = (16 * version + 128) * version + 64
    if version >= 2:
        k = version // 7 + 2
        bits -= (25 * k - 10) * k - 55
        if version >= 7:
            bits -= 36
    return bits // 8


def _syndromes_zero(block: list[int], ecc: int) -> bool:
    exp = [0] * 512
    x = 1
    for i in range(255):
        exp[i] = x
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    log = {exp[i]: i for i in range(255)}
    for i in range(ecc):
        s = 0
        for c in block:  # Horner's rule at alpha^i
            s = (exp[log[s] + i] if s else 0) ^ c if i else s ^ c
        if s:
            return False
    return True


def decode(m: list[list[bool]]) -> str:
    """The text of the QR code ``m`` (rows of dark modules, with or without its quiet zone)."""
    while m and not any(m[0]):  # the quiet zone
        m = [row[1:-1] for row in m[1:-1]]
    n = len(m)
    version = (n - 17) // 4
    if n != 17 + 4 * version or not 1 <= version <= 10 or any(len(r) != n for r in m):
        raise QrError(f"not a QR code of version 1-10: {n}×{len(m[0]) if m else 0} modules")
    f1, f2 = _format_bits(m)
    found = [(lv, mk) for lv in "LMQH" for mk in range(8) if _format_code(lv, mk) in (f1, f2)]
    if not found:
        raise QrError("unreadable format bits")
    level, mask = found[0]
    func = _function_modules(version, n)
    total = _raw_codewords(version)
    bits: list[int] = []
    for right in range(n - 1, 0, -2):
        if right <= 6:
            right -= 1
        upward = ((right + 1) & 2) == 0
        for vert in range(n):
            y = n - 1 - vert if upward else vert
            for j in range(2):
                x = right - j
                if not func[y][x] and len(bits) < total * 8:
                    bits.append(int(m[y][x]) ^ int(MASKS[mask](x, y)))
    words = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, total * 8, 8)]
    nb, ecc = BLOCKS[level][version - 1], ECC_PER_BLOCK[level][version - 1]
    short = total // nb
    n_short = nb - total % nb
    lengths = [short if b < n_short else short + 1 for b in range(nb)]
    blocks: list[list[int]] = [[] for _ in range(nb)]
    it = iter(words)
    for i in range(short + 1):  # data codewords, interleaved (short blocks have one fewer)
        for b in range(nb):
            if i < lengths[b] - ecc:
                blocks[b].append(next(it))
    for i in range(ecc):  # then the error-correction codewords
        for b in range(nb):
            blocks[b].append(next(it))
    if not all(_syndromes_zero(b, ecc) for b in blocks):
        raise QrError("the error-correction codewords do not match the data")
    data = [c for b, blk in enumerate(blocks) for c in blk[:lengths[b] - ecc]]
    stream = "".join(f"{c:08b}" for c in data)
    pos, out = 0, bytearray()

    def take(k: int) -> int:
        nonlocal pos
        v = int(stream[pos:pos + k] or "0", 2)
        pos += k
        return v

    while pos + 4 <= len(stream):
        mode = take(4)
        if mode == 0:
            break
        if mode == 0b0111:  # ECI: the designator (UTF-8 is assumed below)
            take(8)
        elif mode == 0b0100:
            for _ in range(take(8 if version <= 9 else 16)):
                out.append(take(8))
        elif mode == 0b0010:
            count = take(9 if version <= 9 else 11)
            for _ in range(count // 2):
                v = take(11)
                out += (ALNUM[v // 45] + ALNUM[v % 45]).encode()
            if count % 2:
                out += ALNUM[take(6)].encode()
        elif mode == 0b0001:
            count = take(10 if version <= 9 else 12)
            while count >= 3:
                out += f"{take(10):03d}".encode()
                count -= 3
            if count:
                out += f"{take(7 if count == 2 else 4):0{count}d}".encode()
        else:
            raise QrError(f"unsupported segment mode {mode:04b}")
    return out.decode("utf-8")
