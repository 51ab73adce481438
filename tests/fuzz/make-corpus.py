#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/NAME)
from the bundled catalog, tests/plans and tests/hostile: run it from the
source tree after those change, and commit the result.  Seeds stay under
the 64 KB the fuzzers read (-max_len=65536)."""
import glob, os, re, shutil

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = os.path.join(top, 'tests', 'fuzz', 'corpus')
MAX = 60000


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    if len(data) <= MAX:
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)


def reset(target):
    shutil.rmtree(os.path.join(out, target), ignore_errors=True)
    os.makedirs(os.path.join(out, target))


# catalog: each bundled product with the shared zones and endpoints of
# common.xml in the same document (the fuzzer loads one document), without
# comments, cut to its first flows when still too long
reset('catalog')
common = open(os.path.join(top, 'data', 'catalog', 'common.xml'), encoding='utf-8').read()
common = re.sub(r'<!--.*?-->', '', common, flags=re.S)
shared = common[common.index('<catalog format="1">') + len('<catalog format="1">'):common.rindex('</catalog>')]
put('catalog', 'common.xml', common)
for path in sorted(glob.glob(os.path.join(top, 'data', 'catalog', '*.xml'))):
    name = os.path.basename(path)
    if name == 'common.xml':
        continue
    text = re.sub(r'<!--.*?-->', '', open(path, encoding='utf-8').read(), flags=re.S)
    text = re.sub(r'\n\s*\n', '\n', text)
    text = text.replace('<catalog format="1">', '<catalog format="1">' + shared, 1)
    while len(text.encode()) > MAX:
        # drop the last flow
        i = text.rfind('<flow ')
        j = text.find('</flow>', i)
        if i < 0 or j < 0:
            break
        text = text[:i] + text[j + len('</flow>'):]
    put('catalog', name, text)
for path in sorted(glob.glob(os.path.join(top, 'tests', 'hostile', 'catalog', '*.xml'))):
    put('catalog', 'hostile-' + os.path.basename(path), open(path, 'rb').read())

# plan: the plans of tests/plans and tests/hostile/plan
reset('plan')
for path in sorted(glob.glob(os.path.join(top, 'tests', 'plans', '*.portplan'))):
    put('plan', os.path.basename(path), open(path, 'rb').read())
for path in sorted(glob.glob(os.path.join(top, 'tests', 'hostile', 'plan', '*.portplan'))):
    put('plan', 'hostile-' + os.path.basename(path), open(path, 'rb').read())

# netspec: every port list, condition and protocol of the bundled catalog,
# the addresses of the plans
reset('netspec')
seen = set()
for path in sorted(glob.glob(os.path.join(top, 'data', 'catalog', '*.xml'))):
    text = open(path, encoding='utf-8').read()
    for attr in ('ports', 'when', 'proto'):
        for v in re.findall(r'\b%s="([^"]*)"' % attr, text):
            seen.add(v.replace('&amp;', '&'))
for path in glob.glob(os.path.join(top, 'tests', 'plans', '*.portplan')):
    for v in re.findall(r'<(?:address|hostname)>([^<]*)<', open(path, encoding='utf-8', errors='replace').read()):
        seen.add(v)
seen.update(['0', '65536', '1-65535', '443,443', '10-1', '!a & a', 'a & !b & c',
             '192.0.2.0/24', '192.0.2.1/24', '2001:db8::/129', '::ffff:1.2.3.4', 'host.example.'])
for i, v in enumerate(sorted(seen)):
    put('netspec', 'seed-%03d' % i, v)

# escape: texts that need escaping in CSV, Markdown and on a terminal
reset('escape')
texts = [
    '=1+2', '+SUM(A1)', '-2', '@x', '\tcmd', '\uff1d1', 'a "quoted" value, with a comma',
    '| pipe | \\ backslash *star* _under_ `code` [link](x) # hash ~tilde',
    '<script>alert(1)</script>', '1. a list', '- a bullet', '--- a rule', '10) x',
    'see http://evil.example/x www.evil.example a@b.example &copy; &#64;',
    'line\nbreak\r\nand\ttab', '\x1b[2J\x1b]0;title\x07', '\u009b31m', 'rlo\u202eoff\u202c',
    'zero\u200bwidth\u200djoiner\u2060', 'soft\u00adhyphen', 'line\u2028sep\u2029para',
    'tag\U000e0001\U000e0061', 'emoji \U0001f4e7 \u263a\ufe0f \U0001f44d\U0001f3fd \U0001f1e9\U0001f1ea',
    'unassigned \u0378 \U0001f8ff', '\u05e9\u05e8\u05ea \u0639\u0631\u0628\u064a', 'e\u0301\u0301 Z\u0336',
    '\u6f22\u5b57 wide', 'mail & ssl', '10.1.2.3', '2001:db8::1',
]
for i, t in enumerate(texts):
    put('escape', 'seed-%02d' % i, t)
put('escape', 'invalid-utf8', b'bad \xff \xc0\xaf \xed\xa0\x80 cut \xe2\x82')

# args: command lines, one argument per NUL-separated field
reset('args')
lines = [
    ['export', '--product', 'bems', '--feature', 'ssl', '--place', 'bems=dmz', '--format', 'md'],
    ['export', 'plan.portplan', '-o', 'cr.csv', '--format', 'csv', '--force'],
    ['save', '--product', 'bems', '--address', 'bems=10.1.2.3', '--zone', 'lab=Lab network', '-o', 'x.portplan'],
    ['save', 'a.portplan', '--title', 'T', '--change-id', 'CHG-1', '--notes', 'n', '-o', 'a.portplan'],
    ['list', 'flows', '--product', 'bems', '--format', 'csv', '--lang', 'de'],
    ['check', '--catalog', 'dir', '--db', 'x.sqlite'],
    ['diff', 'old.portplan', 'new.portplan', '--format', 'md'],
    ['export', '--no-feature', 'bems:ssl', '--feature', 'bems:docs', '-o', ''],
    ['--place', '=dmz', '--address', 'e=', '--zone', 'Bad Id=x'],
    ['--help'], ['--version'], ['export', '--unknown'], ['export', '-o'],
]
for i, l in enumerate(lines):
    put('args', 'seed-%02d' % i, '\0'.join(l))
