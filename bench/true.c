/* A static true(1), so that spawn costs are not dynamic loading. */
int
main(void)
{
	return 0;
}
