"""Writes python-parity.json: what the Django tutorials' rewrite gives for many inputs.

The tutorial's line is re.sub("吗?([?？])", "!", text). RewriterTest checks the Java Rewriter
against every pair. Regenerate with: python3 python_parity.py > python-parity.json
"""
import json
import random
import re

QUESTION = re.compile("吗?([?？])")
ALPHABET = ["吗", "?", "？", "在", "a", " ", "😀", "\n", "吗吗", "!"]

cases = ["", "在吗？", "你好吗?", "吗", "吗 ?", "？？", "吗?吗？", "a?？", "what?", "😀吗?😀"]
rng = random.Random(20261122)
for _ in range(500):
    cases.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))

pairs = [json.dumps([text, QUESTION.sub("!", text)], ensure_ascii=False) for text in cases]
print("[\n" + ",\n".join(pairs) + "\n]")
