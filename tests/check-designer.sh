#!/bin/sh
# The designer, driven like a user would: scripted keys (SKEMA_KEYS) into
# the real binary, the screen dumped as text (SKEMA_DUMP), assertions on
# the screens and on the saved files.  With tmux installed, the same
# binary also runs in a real terminal (send-keys, capture-pane, SIGTERM,
# resize-window).
. "${srcdir:-.}/tests/lib.sh"

K="$srcdir/tests/designer"
export TERM=xterm LINES=24 COLUMNS=80 TZ=UTC HOME="$TMP/home" LC_ALL=C.UTF-8
unset NO_COLOR XDG_CONFIG_HOME
mkdir -p "$HOME"

# run_keys KEYS... : run the designer on $TMP/work/heroes.yaml with the
# concatenated key files; the screens go to $TMP/dump; $rc is the status
run_keys() {
	cat "$@" >"$TMP/keys"
	rm -f "$TMP/dump"
	(cd "$TMP/work" && SKEMA_KEYS="$TMP/keys" SKEMA_DUMP="$TMP/dump" \
		"$SKEMA" heroes.yaml >"$TMP/out" 2>"$TMP/err")
	rc=$?
}

# screen N : the Nth dumped screen (1-based) of $TMP/dump
screen() {
	sed -n "$((($1 - 1) * LINES + 1)),$(($1 * LINES))p" "$TMP/dump"
}

# expect_screen N PATTERN WHAT : screen N contains the text
expect_screen() {
	if screen "$1" | grep -F -q -- "$2"; then pass; else
		fail "$3: screen $1 lacks '$2'"
		screen "$1" >&2
	fi
}

fresh() {
	rm -rf "$TMP/work"
	mkdir -p "$TMP/work"
}

# 1. heroes.yaml from nothing, keystrokes only; fmt of it is the sample
fresh
run_keys "$K/heroes.keys" "$K/save-quit.keys"
expect_status 0 "$rc" "build heroes"
if [ -f "$TMP/work/heroes.yaml" ]; then
	"$SKEMA" fmt "$TMP/work/heroes.yaml" >"$TMP/fmt"
	expect_same "$srcdir/samples/heroes.yaml" "$TMP/fmt" "skema fmt of the built heroes.yaml"
	expect_same "$srcdir/samples/heroes.yaml" "$TMP/work/heroes.yaml" "the saved heroes.yaml"
	"$SKEMA" check "$TMP/work/heroes.yaml" 2>"$TMP/err"
	expect_status 0 $? "check the built heroes.yaml"
else
	fail "build heroes: nothing saved"
fi
screen 1 >"$TMP/screen"
expect_same "$K/heroes.screen" "$TMP/screen" "the screen after building heroes"
expect_screen 2 "saved heroes.yaml" "save message"

# 2. undo back to empty, redo to full
fresh
run_keys "$K/heroes.keys" "$K/undo-redo.keys"
expect_status 0 "$rc" "undo/redo"
expect_screen 1 "Tables (0)" "undo to empty"
expect_screen 1 "0 tables" "undo to empty"
expect_same "$srcdir/samples/heroes.yaml" "$TMP/work/heroes.yaml" "redo to full, saved"

# 3. the unsaved-changes guard
fresh
run_keys "$K/guard.keys"
expect_status 0 "$rc" "guard"
expect_screen 1 "There are unsaved changes" "q asks"
expect_screen 2 "heroes.yaml [+]" "Esc stays, still modified"
[ -f "$TMP/work/heroes.yaml" ] && fail "q n must not save" || pass
fresh
run_keys "$K/guard-save.keys"
if grep -q '^  x:' "$TMP/work/heroes.yaml" 2>/dev/null; then pass; else fail "q y saves"; fi

# 4. SIGTERM writes the recovery file; the next start offers it
fresh
run_keys "$K/kill.keys"
expect_status 143 "$rc" "killed by SIGTERM"
if [ -f "$TMP/work/.heroes.yaml.skema-recover" ] &&
   grep -q 'name: text' "$TMP/work/.heroes.yaml.skema-recover"; then pass; else
	fail "no recovery file after SIGTERM"
fi
grep -q "recovery file" "$TMP/err" && pass || fail "SIGTERM message: $(cat "$TMP/err")"
[ -f "$TMP/work/heroes.yaml" ] && fail "SIGTERM must not write the model" || pass
run_keys "$K/recover-later.keys"
expect_status 0 "$rc" "recover later"
[ -f "$TMP/work/.heroes.yaml.skema-recover" ] && pass || fail "Esc must keep the recovery file"
run_keys "$K/recover.keys"
expect_status 0 "$rc" "recover"
expect_screen 1 "A recovery file from an interrupted session exists" "recovery offered"
expect_screen 2 "restored unsaved changes" "recovery restored"
expect_screen 2 "name" "recovered column"
grep -q 'name: text' "$TMP/work/heroes.yaml" 2>/dev/null && pass || fail "recovered model saved"
[ -f "$TMP/work/.heroes.yaml.skema-recover" ] && fail "recovery file kept after save" || pass

fresh
run_keys "$K/hup.keys"
expect_status 129 "$rc" "killed by SIGHUP"
grep -q '^  x:' "$TMP/work/.heroes.yaml.skema-recover" 2>/dev/null && pass ||
	fail "no recovery file after SIGHUP"

# 5. resize: too small, back to 80x24, bigger, back again
fresh
run_keys "$K/resize.keys"
expect_status 0 "$rc" "resize"
head -12 "$TMP/dump" | grep -q "terminal too small" && pass || fail "too-small screen"
sed -n '13,36p' "$TMP/dump" >"$TMP/screen"
expect_same "$K/empty.screen" "$TMP/screen" "80x24 after the too-small screen"
sed -n '37,79p' "$TMP/dump" | grep -q "F1 Help F2 Save F3 DDL F4 Diff F5 Apply F6 ER F7 Dialect F10 Quit" && pass ||
	fail "132x43 screen"
tail -24 "$TMP/dump" >"$TMP/screen"
expect_same "$K/empty.screen" "$TMP/screen" "80x24 again"

# 6. help lists the keys, generated from the action table
fresh
run_keys "$K/help.keys"
screen 1 >"$TMP/screen"
expect_same "$K/help.screen" "$TMP/screen" "the help screen"
for s in "F1 ?" "F2 s C-s" "F10 q" "C-r" "Tab" "S-Tab" "Enter" "J" "K" "F7" "/" "e " "E "; do
	cat "$TMP/dump" | grep -F -q -- "  $s" && pass || fail "help lacks '$s'"
done
expect_screen 4 "Tables (0)" "q leaves help"

# 7. invalid values: explained in the dialog, never accepted
fresh
run_keys "$K/invalid.keys"
expect_screen 1 "ge (>=) must be a number, not 'abc'" "bad bound"
expect_screen 2 "a column needs a type" "empty type"
expect_screen 3 "references missing table 'nosuch'" "missing reference"
expect_screen 4 "table 'x' already exists" "duplicate table"
[ -f "$TMP/work/heroes.yaml" ] && fail "nothing was saved" || pass

# 8. a new user, with what ? teaches: three columns and a foreign key
fresh
run_keys "$K/newuser.keys"
expect_status 0 "$rc" "new user"
if grep -q 'author_id: {type: integer, references: author.id}' "$TMP/work/heroes.yaml" 2>/dev/null &&
   grep -q 'title: text' "$TMP/work/heroes.yaml"; then pass; else
	fail "new user's model"
	cat "$TMP/work/heroes.yaml" >&2
fi

# 9. browsing: a click selects, / finds, F7 switches the dialect, e jumps
# to the next problem
fresh
sed '/^  power:/i\
  broken:\
    columns:\
      ghost_id: {type: integer, references: ghost.id}' "$srcdir/samples/heroes.yaml" >"$TMP/work/heroes.yaml"
run_keys "$K/browse.keys"
expect_status 0 "$rc" "browse"
expect_screen 1 " hero " "click selects hero"
expect_screen 2 "table power" "search finds power"
expect_screen 3 "PostgreSQL · power" "F7 switches the dialect"
expect_screen 4 "error: column 'broken.ghost_id' references missing table 'ghost'" "e shows the problem"
expect_screen 4 "ghost_id" "e selects the table"

# 10. a file with errors: listed at start, never overwritten unasked
fresh
printf 'skema: 1\ntables:\n  t:\n    colums:\n      id: integer\n' >"$TMP/work/heroes.yaml"
cp "$TMP/work/heroes.yaml" "$TMP/orig.yaml"
run_keys "$K/invalid-file.keys"
expect_status 0 "$rc" "invalid file"
expect_screen 1 "has errors" "load problems listed"
expect_screen 1 "colums" "load problem named"
expect_screen 2 "had errors when it was opened" "save asks"
expect_same "$TMP/orig.yaml" "$TMP/work/heroes.yaml" "invalid file untouched"

# 11. themes are files: every theme loads; --theme and the config file
# choose; NO_COLOR is honoured; a bad theme or dialect is an error
fresh
mkdir -p "$HOME/.config/skema/themes"
cp "$srcdir"/themes/*.theme "$HOME/.config/skema/themes/"
for f in "$srcdir"/themes/*.theme; do
	name=$(basename "$f" .theme)
	(cd "$TMP/work" && SKEMA_KEYS="$K/quit.keys" "$SKEMA" heroes.yaml --theme "$name" 2>"$TMP/err")
	expect_status 0 $? "--theme $name"
	(cd "$TMP/work" && NO_COLOR=1 SKEMA_KEYS="$K/quit.keys" "$SKEMA" --theme "$name" heroes.yaml 2>"$TMP/err")
	expect_status 0 $? "NO_COLOR --theme $name"
done
for name in default light high-contrast; do
	[ -f "$srcdir/themes/$name.theme" ] && pass || fail "theme $name missing"
done
(cd "$TMP/work" && SKEMA_KEYS="$K/quit.keys" "$SKEMA" heroes.yaml --theme nosuch 2>"$TMP/err")
expect_status 2 $? "--theme nosuch"
grep -q "theme 'nosuch' not found" "$TMP/err" && pass || fail "--theme nosuch: $(cat "$TMP/err")"
printf 'normal default default\nbogus red default\n' >"$TMP/bad.theme"
(cd "$TMP/work" && SKEMA_KEYS="$K/quit.keys" "$SKEMA" heroes.yaml --theme "$TMP/bad.theme" 2>"$TMP/err")
expect_status 2 $? "bad theme"
grep -q "line 2: unknown colour role 'bogus'" "$TMP/err" && pass || fail "bad theme: $(cat "$TMP/err")"
(cd "$TMP/work" && SKEMA_KEYS="$K/quit.keys" "$SKEMA" heroes.yaml -d oracle 2>"$TMP/err")
expect_status 2 $? "-d oracle"
printf '# mine\ntheme light\ndialect postgres\ncolour red\n' >"$HOME/.config/skema/config"
run_keys "$K/save-quit.keys"
expect_screen 1 "postgres" "config: dialect"
expect_screen 1 "config:4: unknown setting 'colour'" "config: bad line reported"
rm -f "$TMP/dump"   # -d wins over the config
(cd "$TMP/work" && SKEMA_KEYS="$K/save-quit.keys" SKEMA_DUMP="$TMP/dump" "$SKEMA" -d mysql heroes.yaml 2>"$TMP/err")
expect_screen 1 "mysql" "-d overrides the config"
rm -rf "$HOME/.config"

# 12. a real terminal: tmux with a fixed size (the size comes from the
# terminal here, not from LINES and COLUMNS)
if command -v tmux >/dev/null 2>&1; then
	fresh
	sock="$TMP/tmux.sock"
	T="tmux -S $sock"
	$T -f /dev/null new-session -d -x 80 -y 24 -s skema \
		"cd '$TMP/work' && unset LINES COLUMNS && TERM=screen '$SKEMA' heroes.yaml; echo exit=\$? >'$TMP/tmux-exit'; sleep 30"
	wait_for() {   # wait_for TEXT: poll capture-pane for it
		i=0
		while [ $i -lt 50 ]; do
			$T capture-pane -p -t skema >"$TMP/pane" 2>/dev/null
			grep -F -q -- "$1" "$TMP/pane" && return 0
			sleep 0.1
			i=$((i + 1))
		done
		return 1
	}
	wait_for "Tables (0)" && pass || fail "tmux: the designer did not start"
	$T send-keys -t skema a team Enter
	wait_for "first column" && pass || fail "tmux: the column form"
	$T send-keys -t skema Enter
	wait_for "added table team" && pass || fail "tmux: table added"
	$T resize-window -t skema -x 40 -y 10 2>/dev/null
	wait_for "terminal too small" && pass || fail "tmux: too small"
	$T resize-window -t skema -x 80 -y 24 2>/dev/null
	wait_for "Tables (1)" && pass || fail "tmux: back to 80x24"
	$T send-keys -t skema '?'
	wait_for "C-r" && pass || fail "tmux: help"
	$T send-keys -t skema Escape
	pid=$(pgrep -f "^$SKEMA heroes.yaml" | head -1)
	if [ -n "$pid" ]; then kill -TERM "$pid"; fi
	i=0
	while [ ! -f "$TMP/tmux-exit" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q "exit=143" "$TMP/tmux-exit" 2>/dev/null && pass || fail "tmux: SIGTERM exit"
	[ -f "$TMP/work/.heroes.yaml.skema-recover" ] && pass || fail "tmux: recovery file"
	$T kill-server 2>/dev/null
else
	echo "tmux not installed: the real-terminal part is skipped"
fi

finish
