/**
 * The optional endpoints of the starter, each off until enabled: channel authorization and user
 * authentication (asking the application's {@link io.channels4j.spring.boot.web.PusherAccessPolicy}
 * bean, and denying everything without one), and the webhook receiver that publishes each verified
 * event as a Spring application event.
 */
package io.channels4j.spring.boot.web;
