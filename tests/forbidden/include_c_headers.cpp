// C library and kernel UAPI headers.
#include <stdio.h>       // expect-error: include
#include <linux/types.h> // expect-error: include
#include <stdint.h>      // expect-error: include
