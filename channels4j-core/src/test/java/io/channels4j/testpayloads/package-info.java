/**
 * Payload types of the tests. The surefire configuration opens this package to Jackson, as an
 * application opens the package of its own payloads; the library's packages stay closed.
 */
package io.channels4j.testpayloads;
