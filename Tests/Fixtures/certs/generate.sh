#!/bin/sh
# Generates the TLS material for PodDoctor's test API server.
#
# TEST-ONLY: every key in this folder is published in the repository and is
# never to be used outside the tests. Run once; the generated PEM files are
# checked in. Re-running replaces all of them (tests that pin them must follow).
#
# Layout:
#   ca.pem / ca-key.pem                      "PodDoctor Test CA"
#   server.pem / server-key.pem              CA-signed, SAN localhost, 127.0.0.1, ::1, kubernetes.default.svc
#   server-named.pem / -key.pem              CA-signed, SAN ONLY DNS:kube-api.poddoctor.test
#   server-wrong-host.pem / -key.pem         CA-signed, SAN ONLY DNS:wrong.example.com
#   server-expired.pem / -key.pem            CA-signed, SAN localhost/127.0.0.1, valid 2020-01-01..2021-01-01
#   other-ca.pem / other-ca-key.pem          "PodDoctor Other Test CA" (not trusted by anything)
#   other-server.pem / -key.pem              signed by the other CA, SAN localhost/127.0.0.1
#   client.pem / client-key.pem              CN=poddoctor-admin, O=system:masters, clientAuth, signed by CA
#   client-other-ca.pem / -key.pem           CN=poddoctor-intruder, O=system:masters, signed by the other CA
set -eu
cd "$(dirname "$0")"
DAYS=36500
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

ca() { # name keyfile certfile
  key "$2"
  cat > "$TMP/ca.ext" <<EOT
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $1
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
EOT
  openssl req -x509 -new -key "$2" -days $DAYS -sha256 -config "$TMP/ca.ext" -extensions v3_ca -out "$3"
}

leaf() { # out-prefix ca-cert ca-key subject eku san
  key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "$4" -out "$TMP/leaf.csr"
  {
    echo "basicConstraints = critical, CA:FALSE"
    echo "keyUsage = critical, digitalSignature, keyEncipherment"
    echo "extendedKeyUsage = $5"
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    if [ -n "$6" ]; then echo "subjectAltName = $6"; fi
  } > "$TMP/leaf.ext"
  openssl x509 -req -in "$TMP/leaf.csr" -CA "$2" -CAkey "$3" -CAcreateserial -CAserial "$TMP/serial" \
    -days $DAYS -sha256 -extfile "$TMP/leaf.ext" -out "$1.pem" 2>/dev/null
}

ca "PodDoctor Test CA" ca-key.pem ca.pem
ca "PodDoctor Other Test CA" other-ca-key.pem other-ca.pem

leaf server ca.pem ca-key.pem "/CN=kube-apiserver" serverAuth \
  "DNS:localhost, IP:127.0.0.1, IP:::1, DNS:kubernetes.default.svc"
leaf server-named ca.pem ca-key.pem "/CN=kube-api.poddoctor.test" serverAuth "DNS:kube-api.poddoctor.test"
leaf server-wrong-host ca.pem ca-key.pem "/CN=wrong.example.com" serverAuth "DNS:wrong.example.com"
leaf other-server other-ca.pem other-ca-key.pem "/CN=kube-apiserver" serverAuth "DNS:localhost, IP:127.0.0.1, IP:::1"
leaf client ca.pem ca-key.pem "/O=system:masters/CN=poddoctor-admin" clientAuth ""
leaf client-other-ca other-ca.pem other-ca-key.pem "/O=system:masters/CN=poddoctor-intruder" clientAuth ""

# Expired: `openssl ca` is the only 3.0 tool that takes explicit start and end dates.
key server-expired-key.pem
openssl req -new -key server-expired-key.pem -subj "/CN=kube-apiserver-expired" -out "$TMP/exp.csr"
mkdir -p "$TMP/db"; : > "$TMP/db/index.txt"; echo 1000 > "$TMP/db/serial"
cat > "$TMP/ca.cnf" <<EOT
[ca]
default_ca = testca
[testca]
dir = $TMP/db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
[exp_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
EOT
openssl ca -batch -config "$TMP/ca.cnf" -cert ca.pem -keyfile ca-key.pem -in "$TMP/exp.csr" \
  -startdate 20200101000000Z -enddate 20210101000000Z -extensions exp_ext -notext \
  -out server-expired.pem 2>/dev/null

chmod 644 *.pem
openssl x509 -noout -subject -dates -in server-expired.pem
