/* mem_test.c — buffers grow correctly (also under ASan), arenas, injected allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/mem.h"

static void test_buf_printf_grows(void **state) {
  buf_t b;
  buf_init(&b);
  for (int i = 0; i < 1000; i++) assert_int_equal(buf_printf(&b, "%04d,", i), 0);
  assert_int_equal(b.len, 5000);
  assert_memory_equal(b.data + 4995, "0999,", 5);
  assert_int_equal(b.data[b.len], '\0');
  buf_free(&b);
}

static void test_buf_oom_is_sticky(void **state) {
  buf_t b;
  buf_init(&b);
  mem_fail_after(1);
  assert_int_equal(buf_puts(&b, "x"), -1);
  mem_fail_after(0);
  assert_int_equal(buf_puts(&b, "y"), -1);
  assert_int_equal(b.oom, 1);
  buf_free(&b);
}

/* mem_copy copies exactly n bytes for every short and long length and
 * touches nothing around them. */
static void test_mem_copy(void **state) {
  (void)state;
  char src[64], dst[80], want[80];
  for (size_t i = 0; i < sizeof src; i++) src[i] = (char)('A' + i % 26);
  for (size_t n = 0; n <= 40; n++) {
    memset(dst, '.', sizeof dst);
    memset(want, '.', sizeof want);
    memcpy(want + 8, src + 3, n);
    mem_copy(dst + 8, src + 3, n);
    assert_memory_equal(dst, want, sizeof dst);
  }
}

static void test_arena(void **state) {
  arena_t a;
  arena_init(&a);
  char *big = arena_alloc(&a, 100000);
  assert_non_null(big);
  assert_int_equal(big[99999], 0);
  assert_string_equal(arena_printf(&a, "%s-%d", "kode", 7), "kode-7");
  assert_int_equal(((uintptr_t)arena_alloc(&a, 3)) % 16, 0);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf_printf_grows),
      cmocka_unit_test(test_buf_oom_is_sticky),
      cmocka_unit_test(test_arena),
      cmocka_unit_test(test_mem_copy),
  };
  return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
