/*
 * tiocsti: try to push a byte into the input queue of the terminal on
 * stdin, the way a dropped child attacks the privileged shell that
 * started it.  Exit 0 and "injected" when it worked, 1 and the reason when
 * the kernel refused.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

int
main(void)
{
	char c = '#';

	if (ioctl(0, TIOCSTI, &c) == 0) {
		puts("tiocsti: injected");
		return 0;
	}
	printf("tiocsti: refused: %s\n", strerror(errno));
	return 1;
}
