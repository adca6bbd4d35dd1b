#!/bin/sh
# Makes a private Postfix instance in an empty directory: configuration (the templates next to this script), queue,
# sasldb with one user, TLS certificate. Used by the tests (Postfix.java) and the benchmark (PostfixSmtpd.java), which
# then start "master -c DIR/etc -d" as root and stop it by its PID.
# Usage: setup.sh DIR PORT USER PASSWORD CERT KEY
set -eu
dir=$1 port=$2 user=$3 password=$4 cert=$5 key=$6
here=$(dirname "$0")

# the postfix user must reach its queue, configuration and mailboxes
chmod 755 "$dir"
mkdir -p "$dir/etc/sasl" "$dir/queue" "$dir/data" "$dir/mail"
sed -e "s#@DIR@#$dir#g" -e "s#@POSTFIX_UID@#$(id -u postfix)#g" -e "s#@POSTFIX_GID@#$(id -g postfix)#g" \
    "$here/main.cf" > "$dir/etc/main.cf"
sed -e "s#@PORT@#$port#g" "$here/master.cf" > "$dir/etc/master.cf"
sed -e "s#@DIR@#$dir#g" "$here/smtpd.conf" > "$dir/etc/sasl/smtpd.conf"
: > "$dir/etc/mailboxes"
cp "$cert" "$dir/etc/cert.pem"
cp "$key" "$dir/etc/key.pem"

# the queue as "postfix set-permissions" makes it (that command only works on the default configuration)
cd "$dir/queue"
private="active bounce corrupt defer deferred flush hold incoming private saved trace"
mkdir -p $private public maildrop pid
chown postfix $private
chmod 700 $private
chown postfix:postdrop public maildrop
chmod 710 public
chmod 1730 maildrop
chown postfix "$dir/data" "$dir/mail"

printf '%s\n' "$password" | saslpasswd2 -p -c -f "$dir/sasldb2" -u example.com "$user"
chown postfix "$dir/sasldb2"
