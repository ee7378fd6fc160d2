/**
 * The test server's implementation: request plumbing, routing, the endpoints, the service's limits,
 * signature checks and recordings. Not API: the module does not export this package, and anything
 * here may change in any release.
 */
package io.channels4j.testkit.internal;
