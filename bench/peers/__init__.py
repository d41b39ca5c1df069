"""Dateline beside its peers (bench/README.md, "Uncached pages against Ghost"):

sudo bash bench/peers/ghost.sh                     # Ghost 6.65 on 127.0.0.1:9005 with the measured story
.venv/bin/python -m bench.peers.pages              # Ghost's and Dateline's uncached story and home
"""
