#include <stdio.h>
#include "vanban.h"
int main(void) { printf("vanban %s\n", vb_version()); return 0; }
