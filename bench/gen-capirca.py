#!/usr/bin/env python3
"""gen-capirca.py: a capirca policy with the same rules as a portplan resolution.

    bench/gen-capirca.py --rules RULES.tsv --out DIR [--target juniper]

RULES.tsv is what `bench --dump-rules` writes (one rule a line: id, section,
source, source zone, destination, destination zone, protocol, ports).
Writes DIR/def/NETWORK.net (one address per endpoint), DIR/def/SERVICES.svc
(one service per distinct port list), and DIR/policies/pol/bench.pol with
one term per rule, for aclgen:

    aclgen --base_directory=DIR/policies --definitions_directory=DIR/def \\
           --output_directory=DIR/out

Python 3 standard library only.
"""

import argparse
import os
import re


def name(prefix, s):
    """A capirca token: "prod-000001-proxy" -> PREFIXPROD_000001_PROXY."""
    return prefix + re.sub(r"[^A-Z0-9]", "_", s.upper())


def service_name(proto, ports):
    """"443,5265-5280" -> TCP_443_5265TO5280 (distinct from "5265,5280")."""
    return name(f"{proto.upper()}_", ports.replace("-", "TO"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--target", default="juniper")
    args = ap.parse_args()

    rules = []
    with open(args.rules, encoding="utf-8") as f:
        for line in f:
            rid, _sect, src, _sz, dst, _dz, proto, ports = line.rstrip("\n").split("\t")
            rules.append((rid, src, dst, proto, ports))

    endpoints = {}
    services = {}
    for _rid, src, dst, proto, ports in rules:
        for e in (src, dst):
            if e not in endpoints:
                i = len(endpoints) + 1
                endpoints[e] = f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}/32"
        if ports != "-":
            services.setdefault((proto, ports), service_name(proto, ports))

    for d in ("def", "policies/pol", "out"):
        os.makedirs(os.path.join(args.out, d), exist_ok=True)
    with open(os.path.join(args.out, "def", "NETWORK.net"), "w", encoding="utf-8") as f:
        for e, addr in endpoints.items():
            f.write(f"{name('EP_', e)} = {addr}\n\n")
    with open(os.path.join(args.out, "def", "SERVICES.svc"), "w", encoding="utf-8") as f:
        for (proto, ports), svc in services.items():
            items = [f"{p}/{proto}" for p in ports.split(",")]
            f.write(f"{svc} = " + "\n    ".join(items) + "\n\n")
    protos = {"tcp": "tcp", "udp": "udp", "icmp": "icmp", "50": "esp", "51": "ah"}
    with open(os.path.join(args.out, "policies", "pol", "bench.pol"), "w", encoding="utf-8") as f:
        f.write("header {\n  comment:: \"portplan bench: one term per portplan rule\"\n"
                f"  target:: {args.target} portplan-bench inet\n}}\n\n")
        for rid, src, dst, proto, ports in rules:
            f.write(f"term {rid.lower()} {{\n"
                    f"  source-address:: {name('EP_', src)}\n"
                    f"  destination-address:: {name('EP_', dst)}\n"
                    f"  protocol:: {protos.get(proto, proto)}\n")
            if ports != "-":
                f.write(f"  destination-port:: {services[(proto, ports)]}\n")
            f.write("  action:: accept\n}\n\n")
    print(f"gen-capirca: {len(rules)} terms, {len(endpoints)} networks, "
          f"{len(services)} services in {args.out}")


if __name__ == "__main__":
    main()
