"""Reads a mail with Python's email package and prints its MIME tree and, per file, its name and SHA-256 as JSON."""
import email
import email.policy
import hashlib
import json
import sys


def tree(part):
    if part.is_multipart():
        return part.get_content_type() + "[" + ", ".join(tree(p) for p in part.iter_parts()) + "]"
    return part.get_content_type()


with open(sys.argv[1], "rb") as f:
    mail = email.message_from_binary_file(f, policy=email.policy.default)
files = {}
cids = {}
for part in mail.walk():
    if part.is_multipart():
        continue
    name = part.get_filename()
    if name is not None:
        files[name] = hashlib.sha256(part.get_payload(decode=True)).hexdigest()
    if part["Content-ID"] is not None:
        cids[str(part["Content-ID"]).strip("<>")] = name
print(json.dumps({"tree": tree(mail), "files": files, "cids": cids}, ensure_ascii=False))
