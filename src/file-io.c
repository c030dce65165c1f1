/* file-io.c — whole-file reads and atomic writes (model-yaml.h).
 *
 * An atomic write never leaves a half-written model behind: the bytes go
 * to a temporary file in the same directory (rename is only atomic within
 * one file system), are flushed to disk, and the temporary file is renamed
 * over the target; the directory is then flushed so the rename survives a
 * crash. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model-yaml.h"

int file_read_all(const char *path, char **data, size_t *len, char **err)
{
	struct strbuf sb;
	int fd, saved;
	ssize_t got;

	*data = NULL;
	if (len)
		*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	sb_init(&sb);
	for (;;) {
		if (sb.cap - sb.len < 65536 + 1)
			xgrow(&sb.buf, &sb.cap, sb.len + 65536 + 1, 1);
		got = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			saved = errno;
			sb_free(&sb);
			close(fd);
			errno = saved;
			goto fail;
		}
		if (got == 0)
			break;
		sb.len += (size_t)got;
	}
	close(fd);
	sb.buf[sb.len] = '\0';
	if (len)
		*len = sb.len;
	*data = sb.buf;
	return 0;
fail:
	*err = xasprintf("cannot read %s: %s", path, strerror(errno));
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The mode a newly created file would get: 0644 less the umask.  umask()
 * can only be read by setting it, so it is put straight back. */
static mode_t new_file_mode(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return 0644 & ~mask;
}

/* Devices and pipes (/dev/null, /dev/stdout, a fifo) cannot be replaced by
 * a rename — as root that would put a regular file where /dev/null was —
 * and have no old content to protect: they are written straight through. */
static int write_through(const char *path, const char *data, size_t len, char **err)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0 || write_all(fd, data, len) != 0) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		*err = xasprintf("cannot write %s: %s", path, strerror(saved));
		return -1;
	}
	if (close(fd) != 0) {
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, char **err)
{
	char *target = NULL, *tmp = NULL, *dircopy = NULL;
	const char *dir;
	struct stat st;
	mode_t mode;
	int fd = -1, dfd, saved;

	/* Writing through a symbolic link replaces the file it points to,
	 * not the link. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		target = realpath(path, NULL);
	if (!target)
		target = xstrdup(path);
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("cannot write %s: %s", path, strerror(EISDIR));
		free(target);
		return -1;
	}
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
		int rc = write_through(target, data, len, err);

		free(target);
		return rc;
	}
	if (stat(target, &st) == 0)
		mode = st.st_mode & 07777;
	else
		mode = new_file_mode();

	dircopy = xstrdup(target);
	dir = dirname(dircopy);
	{
		char *base_copy = xstrdup(target);
		tmp = xasprintf("%s/.%s.XXXXXX", dir, basename(base_copy));
		free(base_copy);
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_notmp;
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0)
		goto fail;
	/* The rename is done; a failing directory sync cannot undo it and
	 * some file systems do not support it, so it is best effort. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dircopy);
	free(target);
	return 0;

fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
fail_notmp:
	*err = xasprintf("cannot write %s: %s", path, strerror(errno));
	free(tmp);
	free(dircopy);
	free(target);
	return -1;
}
