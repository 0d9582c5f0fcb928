#!/usr/bin/env python3
"""Checks a crm360 audit proof bundle without crm360: Python's standard library for the
hashes and OpenSSL (3.0 or later) for the Ed25519 signature.

    python3 verify_audit_proof.py bundle.json PUBLIC_KEY_BASE64

Exit status 0 when the signature, every entry's content and every entry's inclusion proof
hold; 1 otherwise. The procedure is written out in audit-verification.md.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

# DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32-byte key follows.
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def canonical(value):
    """JSON with sorted keys and no spaces, as crm360 hashes it."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fnode, snode, r = index, size - 1, leaf
    for p in proof:
        if snode == 0:
            return False
        if fnode & 1 or fnode == snode:
            r = node_hash(p, r)
            if not fnode & 1:
                while not fnode & 1 and fnode != 0:
                    fnode >>= 1
                    snode >>= 1
        else:
            r = node_hash(r, p)
        fnode >>= 1
        snode >>= 1
    return snode == 0 and r == root


def signature_holds(checkpoint, public_key_b64):
    text = (
        "crm360 audit checkpoint v1\n"
        f"chain {checkpoint['chain']}\nsize {checkpoint['size']}\n"
        f"root {checkpoint['root']}\nsealed_at {checkpoint['sealed_at']}\n"
    )
    der = ED25519_SPKI_PREFIX + base64.b64decode(public_key_b64)
    pem = "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n"
    with tempfile.TemporaryDirectory() as work:
        paths = {name: os.path.join(work, name) for name in ("key.pem", "text", "signature")}
        with open(paths["key.pem"], "w") as f:
            f.write(pem)
        with open(paths["text"], "wb") as f:
            f.write(text.encode())
        with open(paths["signature"], "wb") as f:
            f.write(base64.b64decode(checkpoint["signature"]))
        run = subprocess.run(
            ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
             "-in", paths["text"], "-sigfile", paths["signature"]],
            capture_output=True,
        )
        return run.returncode == 0


def main(bundle_path, public_key_b64):
    with open(bundle_path, encoding="utf-8") as f:
        bundle = json.load(f)
    if bundle.get("format") != "crm360-audit-proof/1":
        print("refused: unknown format", file=sys.stderr)
        return 1
    checkpoint = bundle["checkpoint"]
    if not signature_holds(checkpoint, public_key_b64):
        print("refused: the checkpoint's signature does not verify with this public key", file=sys.stderr)
        return 1
    root = bytes.fromhex(checkpoint["root"])
    for entry in bundle["entries"]:
        record = entry["record"]
        content = entry.get("content")
        if content is not None:
            if hashlib.sha256(canonical(content).encode()).hexdigest() != record["content_hash"]:
                print(f"refused: entry {record['id']}: content altered", file=sys.stderr)
                return 1
        leaf = leaf_hash(canonical(record).encode())
        proof = [bytes.fromhex(p) for p in entry["proof"]]
        included = record["chain"] == checkpoint["chain"] and verify_inclusion(
            record["position"] - 1, checkpoint["size"], leaf, proof, root)
        if not included:
            print(f"refused: entry {record['id']}: its inclusion proof does not lead to the root", file=sys.stderr)
            return 1
    print(f"ok: {len(bundle['entries'])} entries proved against the signed checkpoint of size {checkpoint['size']}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
