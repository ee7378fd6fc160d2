package io.channels4j.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Reads the form fields a Pusher client posts, and the answers the endpoints share. */
final class FormFields {
  private FormFields() {}

  /** The one value of a field, or null when it is absent, empty or repeated. */
  static String single(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null || values.length != 1 || values[0].isEmpty()) {
      return null;
    }
    return values[0];
  }

  static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static ResponseEntity<String> refuse(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
  }

  static ResponseEntity<String> missing(String field) {
    return refuse(
        HttpStatus.BAD_REQUEST, "the form field " + field + " is missing, empty or repeated");
  }
}
