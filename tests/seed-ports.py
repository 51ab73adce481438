#!/usr/bin/env python3
"""Every port number, range and IP protocol in a port table of a seed
document must be in that product's catalog.

Reads the seed documents (tests/seeds/, copies of ../shared/seeds/) with
extraction rules written per document, and the catalog through
`portplan list flows --product P --format csv`.  A port or a range counts as
present when some flow lists exactly that item (a port inside a wider range
does not count); an IP protocol number must be some flow's
protocol.  Prints what it checked; exits 1 on anything missing."""
import csv, io, os, re, subprocess, sys

seeds = sys.argv[1]
portplan = os.environ['PORTPLAN']

def flows(product):
    out = subprocess.run([portplan, 'list', 'flows', '--product', product, '--format', 'csv'],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))

def items(text):
    """Port items in a cell: '17080 or 17433 (SSL)', '1433, 1434',
    '49152 to 57500', '5701:5715', '17500– 17515*', '1024 and higher'."""
    text = text.replace('\u2013', '-').replace('*', ' ')
    found = []
    for m in re.finditer(r'(\d{1,5})\s*(?:(?:-|:|to)\s*(\d{1,5})|\s+and higher)?', text):
        lo, hi = int(m.group(1)), m.group(2)
        if m.group(0).strip().endswith('and higher'):
            found.append((lo, 65535))
        elif hi:
            found.append((lo, int(hi)))
        else:
            found.append((lo, lo))
    return found

def bems(path):
    ports = []
    for line in open(path, encoding='utf-8'):
        first = line.split('|')[0].strip()
        if re.match(r'^\d', first) and '|' in line:
            ports += items(first)
    return ports, []

def bluemind(path):
    ports = []
    lines = open(path, encoding='utf-8').read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith('|'):
            cells = [c.strip() for c in line.strip('|').split('|')]
            for c in cells[:2]:
                if re.fullmatch(r'[\d ,:]+', c or 'x'):
                    ports += items(c)
        elif re.fullmatch(r'\s*\d{1,5}\s*', line) and i > 0 and lines[i - 1].strip() == '|':
            ports += items(line)          # a cell split over lines: "| \n24\n |"
    return ports, []

def mis(path):
    ports, protos = [], []
    for line in open(path, encoding='utf-8'):
        for m in re.finditer(r'IP Protocol (\d+)', line):
            protos.append(int(m.group(1)))
        for m in re.finditer(r'UDP port (\d+)', line):
            ports.append((int(m.group(1)),) * 2)
        for m in re.finditer(r'\|\s*•\s*\|\s*(\d[\d ,]*(?:UDP \d+)?)(?:\s*-\s|\s+and higher)', line):
            cell = m.group(1)
            if 'and higher' in line[m.start():m.end() + 12] and re.match(r'\d+\s*$', cell.strip()):
                ports.append((int(cell), 65535))
                continue
            nums = re.findall(r'(UDP )?(\d+)', cell)
            for udp, n in nums:
                n = int(n)
                if not udp and n in (50, 51) and 'IPSec' in line[m.end():m.end() + 10]:
                    protos.append(n)
                else:
                    ports.append((n, n))
        if re.search(r'1024 and higher', line):
            ports.append((1024, 65535))
    return ports, protos

def forcepoint(path):
    ports = []
    for line in open(path, encoding='utf-8'):
        cells = [c.strip() for c in line.split('|')]
        if len(cells) >= 2 and re.match(r'^(C|P1)', cells[0]) and re.match(r'^\d', cells[1]):
            ports += items(cells[1])
        elif re.fullmatch(r'\s*\d{1,5}(\s*[\u2013-]\s*\d{1,5}\*?|\s+\d{1,5})*\s*\|?\s*', line):
            ports += items(line.replace('|', ''))   # cells split over lines
        for m in re.finditer(r'range (\d+)\u2013(\d+)', line):
            ports.append((int(m.group(1)), int(m.group(2))))
    return ports, []

docs = [
    ('000_15f20947a92a4b07.txt', 'bems', bems),
    ('001_909b1e9d80cb9b40.txt', 'bluemind', bluemind),
    ('003_ffc0cf1ee7beeece.txt', 'bluemind', bluemind),
    ('002_4572402e6ba43114.txt', 'mis', mis),
    ('004_90edd298e7d05231.txt', 'forcepoint', forcepoint),
]

# Single ports the document itself says stand for a range: they may be
# covered by that range instead of an exact item.
WITHIN_RANGE = {
    # "17700* ... The port range 17700-17714 must be open"
    ('004_90edd298e7d05231.txt', 17700): (17700, 17714),
}

def covered(rows, name, lo, hi):
    """A port or range is covered when some flow lists it as an item of its
    own: a port inside a wider range does not count (1026 inside the
    dynamic RPC range 1024-65535 would hide a missing RPC rule)."""
    want = WITHIN_RANGE.get((name, lo), (lo, hi)) if lo == hi else (lo, hi)
    for r in rows:
        if r['ports'] in ('', '-'):
            continue
        for item in r['ports'].split(','):
            a, _, b = item.partition('-')
            if (int(a), int(b or a)) == want:
                return True
    return False

missing = 0
for name, product, extract in docs:
    ports, protos = extract(os.path.join(seeds, name))
    rows = flows(product)
    if len(ports) < 5:
        print(f'FAIL {name}: extracted only {len(ports)} ports: extraction is broken')
        missing += 1
    for lo, hi in sorted(set(ports)):
        what = f'{lo}' if lo == hi else f'{lo}-{hi}'
        if covered(rows, name, lo, hi):
            print(f'ok   {name} {product} port {what}')
        else:
            print(f'FAIL {name} {product}: port {what} is in the document but not in the catalog')
            missing += 1
    for p in sorted(set(protos)):
        if any(r['protocol'] == str(p) for r in rows):
            print(f'ok   {name} {product} IP protocol {p}')
        else:
            print(f'FAIL {name} {product}: IP protocol {p} is in the document but not in the catalog')
            missing += 1
sys.exit(1 if missing else 0)
