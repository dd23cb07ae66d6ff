#!/usr/bin/env python3
"""Markdown table from run_all.sh results: one row per game."""
import glob, os, re, sys
res = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'results')
traced = {os.path.basename(p).split('.')[0] for p in glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/conformance/traces/*.trace.gz'))}
print('| game | golden trace | runs | frames compared | episodes ended | reward seen | life changes | result |')
print('|---|---|---|---|---|---|---|---|')
for f in sorted(glob.glob(os.path.join(res, '*.txt'))):
    g = os.path.basename(f)[:-4]
    runs = frames = eps = lc = 0
    rew = False
    first = ''
    pokenote = ''
    for line in open(f):
        if re.match(r'^(RUN|MODE|TRUNC|LIFE|POKE|ALL18)', line):
            runs += 1
            kv = dict(re.findall(r'(\w+)=(-?\d+)', line))
            frames += int(kv.get('frames', 0)); eps += int(kv.get('episodes', 0))
            lc += int(kv.get('lifechanges', 0)); rew |= int(kv.get('reward', 0)) != 0
            if 'MISMATCH' in line and not first:
                first = line.split('MISMATCH', 1)[1].strip()[:160]
                first = line.split()[0] + ': ' + first
            m = re.search(r'screen_only_diffs=(\d+) \(first ([^)]*)\)', line)
            if m: pokenote = f'poke run: {m.group(1)} screen-only diffs from {m.group(2)} (emulator)'
        elif line.startswith('SET') and 'DIFF' in line and not first:
            first = line.strip()
    done = open(f).read().count('DONE EXACT') == 1
    result = 'exact' if done else 'MISMATCH ' + first
    if pokenote: result += '; ' + pokenote
    print(f'| {g} | {"yes" if g in traced else "no"} | {runs} | {frames} | {eps} | {"yes" if rew else "no"} | {lc} | {result} |')
