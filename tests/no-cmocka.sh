#!/bin/sh
echo "the unit tests need cmocka: apt-get install libcmocka-dev, then ./configure again" >&2
exit 99
