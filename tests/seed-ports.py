#!/usr/bin/env python3
"""Every port number, range and IP protocol in a port table of a seed
document must be in that product's catalog; and what a seed states about a
row beyond its port is checked where it can be read mechanically.

Reads the seed documents (tests/seeds/, copies of ../shared/seeds/) with
extraction rules written per document, and the catalog through
`portplan list flows --product P --format csv`.  A port or a range counts as
present when some flow lists exactly that item (a port inside a wider range
does not count); an IP protocol number must be some flow's
protocol.

Row checks (see row checks below): BEMS's "X or Y (SSL)" pairs against
the ssl feature (and ports without an SSL alternative not gated on it),
TCP/UDP and the Connection column; BlueMind's Bedarf/Necessite column
against required and condition, the de/fr wording of every BlueMind row,
the BlueMind rows found in only one edition; Mobile Information Server's
provenance (the article states a direction only for IPSec to the internal
network) and the IPSec "allow only" conditions; Forcepoint's Interface and
Direction columns.  The catalog's own records (the XML files under
$PORTPLAN_DATADIR/catalog): every document a flow, gap, hint, decision or
cite names has a <document> that states only what its seed states.
Prints what it checked; exits 1 on anything missing or wrong."""
import csv, io, os, re, subprocess, sys

seeds = sys.argv[1]
portplan = os.environ['PORTPLAN']

def flows(product, lang=None):
    cmd = [portplan] + (['--lang', lang] if lang else []) + \
        ['list', 'flows', '--product', product, '--format', 'csv']
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
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

# ---------------------------------------------------------------- row checks

failed = 0
def check(ok, what):
    global failed
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        failed += 1

def port_set(text):
    """'9083, 9086' -> {'9083', '9086'}; '5701:5715' -> {'5701-5715'}."""
    return {f'{lo}' if lo == hi else f'{lo}-{hi}' for lo, hi in items(text)}

def flow_ports(row):
    return set(row['ports'].split(',')) if row['ports'] not in ('', '-') else set()

def md_rows(lines):
    """Markdown table rows whose cells were split over several lines: a row
    starts at a line beginning with '| '; returns each row's cells, a cell
    being the list of its non-empty lines."""
    rows, cur = [], None
    for line in lines:
        if line.startswith('| '):
            cur = [line]
            rows.append(cur)
        elif cur is not None and line.strip():
            cur.append(line)
    out = []
    for r in rows:
        cells = [[]]
        for line in r:
            parts = line.split('|')
            for k, part in enumerate(parts):
                if k:
                    cells.append([])
                part = re.sub(r'!\[\]\([^)]*\)\s*', '', part).strip()
                if part:
                    cells[-1].append(part)
        out.append(cells[1:-1])   # drop what lies outside the outer bars
    return out

def bluemind_tables(path):
    """-> (inbound rows [(need, ports, phrases)], internal rows [(ports, phrases)])"""
    lines = open(path, encoding='utf-8').read().splitlines()
    heads = [i for i, l in enumerate(lines) if l.startswith('## ')]
    inbound, internal = [], []
    for n, h in enumerate(heads):
        block = lines[h + 1:heads[n + 1] if n + 1 < len(heads) else len(lines)]
        block = [l for l in block if not l.startswith('| ---')]
        rows = md_rows(block)[1:]          # first row: the header
        for cells in rows:
            if len(cells) >= 4:            # Bedarf | Port | TLS/SSL/PLAIN | Beschreibung...
                need = ' '.join(cells[0]).strip('*').strip()
                phrases = [p for c in cells[3:] for p in c]
                inbound.append((need, port_set(' '.join(cells[1])), phrases))
            elif len(cells) == 2:          # Port | Dienst
                internal.append((port_set(' '.join(cells[0])), cells[1]))
    return inbound, internal

MANDATORY = {'obligatorisch', 'obligatoire'}
OPTIONAL = {'optional', 'facultatif'}

BEMS_TABLES = [   # heading lines of the BEMS page, in order; before the first: the services table
    'BEMS services TCP ports',
    'Internal TCP ports for internal BEMS communications',
    'BlackBerry Push Notifications (Mail) service TCP ports',
    'BlackBerry Connect and BlackBerry Presence service TCP and UDP ports',
    'BlackBerry Docs service TCP ports',
]
CONNECTIONS = ('Inbound', 'Outbound', 'Bidirectional')

def bems_checks():
    """Rows of the BEMS page -> flows citing them ("TABLE: PORTS DIRECTION").
    "X or Y (SSL)": X only with !ssl, Y only with ssl.  A port given without
    an SSL alternative is not gated on ssl at all (it is needed either way,
    e.g. "80 | Outbound | ... Exchange Server (AutoDiscover)").  TCP unless
    the row says "UDP port".  The direction column decides who opens."""
    name = '000_15f20947a92a4b07.txt'
    table, port, conn = BEMS_TABLES[0], None, None
    seen = []                      # (table, port cell, connection, row text)
    for line in open(os.path.join(seeds, name), encoding='utf-8'):
        line = line.rstrip('\n')
        if line.strip() in BEMS_TABLES[1:]:
            table, port, conn = line.strip(), None, None
            continue
        cells = [c.strip() for c in line.split('|')]
        if len(cells) < 2:
            if seen and port:
                seen[-1][3] += ' ' + line
            continue
        if re.match(r'^\d', cells[0]):
            port = cells[0]
            conn = cells[1] if cells[1] in CONNECTIONS else ''
            seen.append([table, port, conn, line])
        elif cells[0] in CONNECTIONS and port:
            conn = cells[0]
            seen.append([table, port, conn, line])
        elif seen and port:
            seen[-1][3] += ' ' + line
    rows = flows('bems')
    used = set()
    groups = {}
    for t, pc, c, text in seen:
        groups.setdefault((t, pc, c), []).append(text)
    for (t, pc, c), texts in groups.items():
        prefix = f'{t}: {pc} {c}'.rstrip()
        def cites(r):
            sec = r['reference'].split(', ', 1)[1]
            return sec == prefix or (sec.startswith(prefix) and sec[len(prefix)] in ' ,')
        mine = [r for r in rows if cites(r)]
        what = f'{name} "{prefix}"'
        check(bool(mine), f'{what}: has flows ({len(mine)})')
        used.update(r['flow_id'] for r in mine)
        pair = re.fullmatch(r'(\d+) or (\d+) \(SSL\)', pc)
        udp = any('UDP port' in x for x in texts)
        for r in mine:
            lits = set(r['condition'].split(' & ')) if r['condition'] else set()
            if pair:
                want = '!ssl' if r['ports'] == pair.group(1) else 'ssl' if r['ports'] == pair.group(2) else None
                check(want is not None and want in lits,
                      f'{what}: {r["flow_id"]} port {r["ports"]} only with {want} (condition "{r["condition"]}")')
            elif ' or ' not in pc:
                check(not lits & {'ssl', '!ssl'},
                      f'{what}: {r["flow_id"]} no SSL alternative, so not gated on ssl (condition "{r["condition"]}")')
            check(r['protocol'] == ('udp' if udp else 'tcp'), f'{what}: {r["flow_id"]} {"udp" if udp else "tcp"}')
            if c == 'Outbound':
                check(r['source'] == 'bems' and r['destination'] != 'bems', f'{what}: {r["flow_id"]} opened by BEMS')
            elif c == 'Inbound':
                check(r['destination'] == 'bems' and r['source'] != 'bems', f'{what}: {r["flow_id"]} opened towards BEMS')
            elif c == '':
                check(r['source'] == r['destination'] == 'bems', f'{what}: {r["flow_id"]} host-local')
        if c == 'Bidirectional':
            for port_ in {r['ports'] for r in mine}:
                dirs = {(r['source'], r['destination']) for r in mine if r['ports'] == port_}
                check(len(dirs) == 2 and all((b, a) in dirs for a, b in dirs),
                      f'{what}: port {port_} opened in both directions')
    for r in rows:
        check(r['flow_id'] in used, f'{name} {r["flow_id"]}: cites a row of the document ({r["reference"]})')

def bluemind_checks():
    de_name, fr_name = '001_909b1e9d80cb9b40.txt', '003_ffc0cf1ee7beeece.txt'
    en = flows('bluemind')
    byid = {r['flow_id']: r for r in en}
    internal_by_doc = {}
    for name, lang in ((de_name, 'de'), (fr_name, 'fr')):
        inbound, internal = bluemind_tables(os.path.join(seeds, name))
        check(len(inbound) == 12 and len(internal) >= 20,
              f'{name}: read {len(inbound)} inbound and {len(internal)} internal rows')
        local = flows('bluemind', lang)
        for need, ports, phrases in inbound:
            what = f'{name} inbound {",".join(sorted(ports))} ({need})'
            rows = [r for r in local if flow_ports(r) == ports and r['destination'] != r['source']]
            check(bool(rows), f'{what}: has flows')
            for r in rows:
                e = byid[r['flow_id']]
                lits = set(e['condition'].split(' & ')) if e['condition'] else set()
                if e['source'] == 'internal-clients':
                    # the same client port from the internal network: the
                    # page names no source, so an inferred copy, only with
                    # internal-users (and the row's own feature)
                    check(e['provenance'] == 'inferred' and 'internal-users' in lits and
                          e['required'] == ('yes' if need in MANDATORY else 'no'),
                          f'{what}: {e["flow_id"]} internal copy: inferred, gated on internal-users, '
                          f'required as the row (provenance={e["provenance"]}, condition="{e["condition"]}", '
                          f'required={e["required"]})')
                    inet = [x for x in en if x['source'] == 'internet-clients' and x['ports'] == e['ports']]
                    check(len(inet) == 1 and lits - {"internal-users"} == (set(inet[0]["condition"].split(" & ")) if inet[0]["condition"] else set()),
                          f'{what}: {e["flow_id"]} has the condition of the internet row besides internal-users')
                elif need in MANDATORY:
                    check(e['required'] == 'yes' and e['condition'] == '',
                          f'{what}: {e["flow_id"]} required and unconditional '
                          f'(required={e["required"]}, condition="{e["condition"]}")')
                elif need in OPTIONAL:
                    check(e['required'] == 'no' and e['condition'] != '',
                          f'{what}: {e["flow_id"]} optional: required=no and gated on a feature '
                          f'(required={e["required"]}, condition="{e["condition"]}")')
                else:
                    check(False, f'{what}: unknown Bedarf value "{need}"')
                for ph in phrases:
                    check(ph in r['purpose'], f'{what}: {e["flow_id"]} {lang} purpose quotes "{ph}"')
        internal_by_doc[name] = internal
        for ports, phrases in internal:
            what = f'{name} internal {",".join(sorted(ports))}'
            rows = [r for r in local if flow_ports(r) == ports and r['source'] == r['destination'] == 'bluemind']
            check(len(rows) == 1, f'{what}: one host-local flow')
            for r in rows:
                for ph in phrases:
                    check(ph in r['purpose'], f'{what}: {r["flow_id"]} {lang} purpose quotes "{ph}"')
    # rows in both editions are unconditional; a row in one edition only is
    # dropped when the other edition is chosen, and cites its own edition
    de_rows = {frozenset(p) for p, _ in internal_by_doc[de_name]}
    fr_rows = {frozenset(p) for p, _ in internal_by_doc[fr_name]}
    for ports in de_rows | fr_rows:
        what = f'bluemind internal {",".join(sorted(ports))}'
        rows = [r for r in en if flow_ports(r) == set(ports) and r['source'] == r['destination']]
        for r in rows:
            if ports in de_rows and ports in fr_rows:
                check(r['condition'] == '', f'{what}: in both editions, unconditional')
            elif ports in de_rows:
                check(r['condition'] == '!page-fr' and r['reference'].startswith(de_name),
                      f'{what}: German edition only: "!page-fr", cites {de_name}')
            else:
                check(r['condition'] == '!page-de' and r['reference'].startswith(fr_name),
                      f'{what}: French edition only: "!page-de", cites {fr_name}')

def mis_checks():
    name = '002_4572402e6ba43114.txt'
    text = open(os.path.join(seeds, name), encoding='utf-8').read()
    # The article states a direction exactly once, for IPSec to the internal
    # network ("allow only the following ... for inbound and outbound
    # traffic").  Everything else is a port without a direction.
    said = re.findall(r'\b(?:inbound|outbound)\b[^.:]*', text, re.I)
    check(said == ['inbound and outbound traffic'],
          f'{name}: the only direction stated is the IPSec one ({said})')
    ipsec = 'Internal firewall, IPSec:'
    for r in flows('mis'):
        section = r['reference'].split(', ', 1)[1]
        lits = set(r['condition'].split(' & ')) if r['condition'] else set()
        if section.startswith(ipsec):
            check(r['provenance'] == 'source' and 'ipsec' in lits,
                  f'{name} {r["flow_id"]}: IPSec flow, direction stated (source), only with ipsec')
        else:
            check(r['provenance'] == 'inferred' and r['inferred_reason'] != '',
                  f'{name} {r["flow_id"]}: no direction in the article, so inferred with a reason '
                  f'(provenance={r["provenance"]})')
        if section.startswith('Internal firewall (') or section.startswith('Exchange Server 5.5 browse, internal'):
            check('!ipsec' in lits, f'{name} {r["flow_id"]}: internal port, replaced by IPSec ("allow only")')

def forcepoint_checks():
    name = '004_90edd298e7d05231.txt'
    text = open(os.path.join(seeds, name), encoding='utf-8').read().replace('\n', ' ')
    rows = flows('forcepoint')
    tables = re.split(r'The following (?:ports are used|are ports used)', text)[1:]
    check(len(tables) == 3, f'{name}: three tables')
    row_re = re.compile(r'(C/P1/P2(?: \(C recommended\))?|P1/P2|C) \|\s*([\d\u2013\-\* ]+?)\s*\|\s*(Inbound|Outbound)\s*\|\s*([^|]+?)\s*\|')
    n = 0
    for t, table in enumerate(tables):
        for m in row_re.finditer(table):
            n += 1
            iface, ports, direction, desc = m.groups()
            want_if = iface.split(' ')[0].replace('/', ' ')
            want_pref = 'C' if 'C recommended' in iface else ''
            wanted = {f'{lo}' if lo == hi else f'{lo}-{hi}'
                      for lo, hi in (WITHIN_RANGE.get((name, a), (a, b)) if a == b else (a, b)
                                     for a, b in items(ports))}
            match = [r for r in rows if flow_ports(r) & wanted]
            what = f'{name} table {t + 1} {ports.strip()} {direction} ({desc[:30]})'
            check(bool(match), f'{what}: has flows')
            for r in match:
                check(r['interfaces'] == want_if and r['preferred_interface'] == want_pref,
                      f'{what}: {r["flow_id"]} interfaces "{want_if}" preferred "{want_pref}" '
                      f'(catalog "{r["interfaces"]}" "{r["preferred_interface"]}")')
                if direction == 'Outbound':
                    check(r['source'] == 'forcepoint', f'{what}: {r["flow_id"]} opened by the appliance')
                elif t < 2:
                    check(r['destination'] == 'forcepoint', f'{what}: {r["flow_id"]} to the appliance')
    check(n == 20, f'{name}: read {n} table rows')

# ------------------------------------------------- the catalog's own records

import glob
import xml.etree.ElementTree as ET

def catalog_xml():
    """The bundled catalog files, parsed: [(file name, root)]."""
    d = os.path.join(os.environ['PORTPLAN_DATADIR'], 'catalog')
    return [(os.path.basename(f), ET.parse(f).getroot())
            for f in sorted(glob.glob(os.path.join(d, '*.xml')))]

def seed_languages():
    """tests/seeds/README.md's table: file -> language."""
    out = {}
    for line in open(os.path.join(seeds, 'README.md'), encoding='utf-8'):
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) >= 3 and re.fullmatch(r'\d{3}_[0-9a-f]+\.txt', cells[0]):
            out[cells[0]] = cells[2]
    return out

def loose(text):
    """For comparing a record with the seed: no parentheses, one space."""
    return ' '.join(text.replace('(', ' ').replace(')', ' ').split())

def document_checks(files):
    """Every doc a flow, gap, hint, decision or cite names has a
    <document>; each record says only what its seed states: the seed's
    language (tests/seeds/README.md), a title in that language found in
    the seed's text, and any edition, version, date or url verbatim."""
    langs = seed_languages()
    records = {}
    for fname, root in files:
        for d in root.findall('document'):
            records[d.get('source')] = (fname, d)
    for src, (fname, d) in sorted(records.items()):
        what = f'{fname}: document {src}'
        path = os.path.join(seeds, src)
        check(os.path.exists(path), f'{what}: is a seed document')
        if not os.path.exists(path):
            continue
        text = loose(open(path, encoding='utf-8').read())
        check(d.get('lang') == langs.get(src), f'{what}: language {d.get("lang")} (README: {langs.get(src)})')
        own = [t for t in d.findall('title') if t.get('lang', 'en') == d.get('lang')]
        check(bool(own), f'{what}: has a title in its own language')
        for t in own:
            check(loose(t.text or '') in text, f'{what}: title "{t.text}" is the seed\'s own wording')
        for attr in ('edition', 'version', 'date', 'url'):
            if d.get(attr) is not None:
                check(loose(d.get(attr)) in text, f'{what}: {attr} "{d.get(attr)}" is stated in the seed')
    for src in sorted(langs):
        check(src in records, f'seed {src}: has a <document> record')
    for fname, root in files:
        for p in root.findall('product'):
            for el in p:
                if el.tag not in ('flow', 'gap', 'hint', 'decision'):
                    continue
                refs = [el.get('doc')] + [c.get('doc') for c in el.findall('cite')]
                for ref in refs:
                    check(ref in records, f'{fname} {p.get("id")}/{el.get("id")}: cites {ref}, which has a <document>')

def requires_checks(files):
    """A default plan must not be refused: a feature on by default
    requires only features on by default."""
    for fname, root in files:
        for p in root.findall('product'):
            feats = {f.get('id'): f for f in p.findall('feature')}
            on = {i for i, f in feats.items() if f.get('default') in ('true', '1')}
            for i, f in feats.items():
                req = [x.strip() for x in (f.get('requires') or '').split('&') if x.strip()]
                for r in req:
                    check(r in feats, f'{fname} {p.get("id")}/{i}: requires {r}, a feature of the product')
                if i in on:
                    check(all(r in on for r in req),
                          f'{fname} {p.get("id")}/{i}: on by default, so it requires only default features ({req})')

def scenario_requires_checks(files):
    """Every hand-worked scenario (tests/scenarios/*.scn) is a plan the
    command line accepts once requirements are enforced: each feature it
    turns on has what it requires."""
    feats = {}
    for fname, root in files:
        for p in root.findall('product'):
            feats[p.get('id')] = {f.get('id'): f for f in p.findall('feature')}
    sdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scenarios')
    for scn in sorted(glob.glob(os.path.join(sdir, '*.scn'))):
        args = []
        for line in open(scn, encoding='utf-8'):
            if line.startswith('args'):
                args += line.split('#')[0].split()[1:]
        on, last = {}, None
        for opt, val in zip(args, args[1:] + ['']):
            if opt in ('--product', '-p') and val in feats:
                last = val
                on[val] = {i for i, f in feats[val].items() if f.get('default') in ('true', '1')}
            elif opt in ('--feature', '-f', '--no-feature'):
                prod, _, fid = val.rpartition(':')
                prod = prod or last
                if prod in on:
                    (on[prod].add if opt != '--no-feature' else on[prod].discard)(fid)
        for prod, ids in on.items():
            for i in sorted(ids):
                f = feats[prod].get(i)
                req = [x.strip() for x in ((f.get('requires') if f is not None else '') or '').split('&') if x.strip()]
                missing = [r for r in req if r not in ids]
                check(not missing, f'{os.path.basename(scn)}: {prod}/{i} has what it requires ({" & ".join(req) or "nothing"})')

def bluemind_inbound_cells(path):
    """BlueMind inbound rows -> {frozenset(ports): (TLS/SSL/PLAIN cell, description phrases)}."""
    lines = open(path, encoding='utf-8').read().splitlines()
    heads = [i for i, l in enumerate(lines) if l.startswith('## ')]
    block = [l for l in lines[heads[0] + 1:heads[1]] if not l.startswith('| ---')]
    out = {}
    for cells in md_rows(block)[1:]:
        if len(cells) >= 4:
            out[frozenset(port_set(' '.join(cells[1])))] = (' '.join(cells[2]), tuple(p for c in cells[3:] for p in c))
    return out

def twin_checks(files):
    """tls-twin: the plaintext flow and its twin open the same ends with the
    same protocol for the same row's purpose (BEMS: the same "X or Y (SSL)"
    row; BlueMind: a PLAIN/TLS row and the SSL row with the same
    description; MIS: "if you are not using secure HTTP" and "if you are
    using secure HTTP"), and every such pair of the documents has one."""
    cells = {}
    for name in ('001_909b1e9d80cb9b40.txt', '003_ffc0cf1ee7beeece.txt'):
        cells[name] = bluemind_inbound_cells(os.path.join(seeds, name))
    for fname, root in files:
        for p in root.findall('product'):
            fl = {f.get('id'): f for f in p.findall('flow')}
            pid = p.get('id')
            for i, f in fl.items():
                t = f.get('tls-twin')
                if t is None:
                    continue
                g = fl.get(t)
                what = f'{fname} {pid}/{i} tls-twin {t}'
                check(g is not None and g.get('tls-twin') is None, f'{what}: is a flow of the product without a twin of its own')
                if g is None:
                    continue
                check(all(f.get(k) == g.get(k) for k in ('from', 'to', 'proto', 'doc')) and f.get('ports') != g.get('ports'),
                      f'{what}: same ends, protocol and document, another port')
                if pid == 'bems':
                    check(f.get('section') == g.get('section') and re.search(r'\d+ or \d+', f.get('section')),
                          f'{what}: the same "X or Y" row ({f.get("section")})')
                elif pid == 'mis':
                    check('not using secure HTTP' in f.get('section') and 'using secure HTTP' in g.get('section')
                          and 'not using' not in g.get('section'), f'{what}: plain HTTP and secure HTTP items')
                elif pid == 'bluemind':
                    c = cells[f.get('doc')]
                    a, b = c.get(frozenset(f.get('ports').split(','))), c.get(frozenset(g.get('ports').split(',')))
                    check(a is not None and b is not None and 'PLAIN' in a[0] and b[0] == 'SSL' and a[1] == b[1],
                          f'{what}: a PLAIN/TLS row and the SSL row with the same description ({a}, {b})')
                else:
                    check(False, f'{what}: no rule for twins of {pid}')
            if pid == 'bems':
                # every "X or Y (SSL)" row: the X flows are twinned
                for i, f in fl.items():
                    m = re.search(r'(\d+) or (\d+) \(SSL\)', f.get('section'))
                    if m and f.get('ports') == m.group(1):
                        check(f.get('tls-twin') is not None, f'{fname} bems/{i}: plain side of "{m.group(0)}" has a tls-twin')
            if pid == 'bluemind':
                # every PLAIN/TLS row with an SSL row of the same description: twinned
                c = cells['001_909b1e9d80cb9b40.txt']
                for pa, (ta, da) in c.items():
                    for pb, (tb, db) in c.items():
                        if 'PLAIN' in ta and tb == 'SSL' and da == db:
                            for i, f in fl.items():
                                if frozenset((f.get('ports') or '').split(',')) == pa:
                                    g = fl.get(f.get('tls-twin') or '')
                                    check(g is not None and frozenset(g.get('ports').split(',')) == pb,
                                          f'{fname} bluemind/{i}: {",".join(pa)} (PLAIN/TLS) has its SSL twin {",".join(pb)}')

def cite_checks(files):
    """BlueMind: a flow citing one edition cites the same row of the other
    edition (<cite lang doc section>) exactly when the other edition has
    that row (same table, same ports; the inbound Bedarf/Nécessité value in
    the section), and never otherwise (influxdb, SDS)."""
    eds = {'001_909b1e9d80cb9b40.txt': ('de', 'Eingangsport', 'Interne Ports', 'Port'),
           '003_ffc0cf1ee7beeece.txt': ('fr', 'Les ports entrants', 'Les ports internes', 'port')}
    rows = {}
    for name in eds:
        inbound, internal = bluemind_tables(os.path.join(seeds, name))
        rows[name] = ({frozenset(p): need for need, p, _ in inbound}, {frozenset(p) for p, _ in internal})
    for fname, root in files:
        for p in root.findall('product'):
            for f in p.findall('flow'):
                cites = f.findall('cite')
                doc = f.get('doc')
                if doc not in eds:
                    check(not cites, f'{fname} {p.get("id")}/{f.get("id")}: no other-language page, no cite')
                    continue
                other = [n for n in eds if n != doc][0]
                lang, t_in, t_int, word = eds[other]
                ports = frozenset(f.get('ports').split(','))
                internal = f.get('section').startswith(eds[doc][2])
                inbound, internals = rows[other]
                what = f'{fname} bluemind/{f.get("id")}'
                if internal:
                    has = ports in internals
                    want = f'{t_int}: {word} '
                else:
                    has = ports in inbound
                    want = f'{t_in}: {word} '
                if not has:
                    check(not cites, f'{what}: its row is not in {other}, so no cite')
                    continue
                ok = (len(cites) == 1 and cites[0].get('lang') == lang and cites[0].get('doc') == other
                      and cites[0].get('section').startswith(want)
                      and port_set(cites[0].get('section')[len(want):].split(' (')[0]) == set(ports)
                      and (internal or cites[0].get('section').endswith(f'({inbound[ports]})')))
                check(ok, f'{what}: cites the same row of {other} ({[c.attrib for c in cites]})')

bems_checks()
bluemind_checks()
mis_checks()
forcepoint_checks()
catalog_files = catalog_xml()
document_checks(catalog_files)
requires_checks(catalog_files)
scenario_requires_checks(catalog_files)
twin_checks(catalog_files)
cite_checks(catalog_files)
sys.exit(1 if missing or failed else 0)
