package dev.tagpipe.io;

import dev.tagpipe.lang.LanguageIdentifier;
import dev.tagpipe.lang.LanguageRouting;

/**
 * A parser's routing by language: finds a text's language and where it goes. The identifier is made
 * on first use, one per router, so one per parser instance and thread (it is not thread-safe).
 */
final class LanguageRouter {
  private final LanguageRouting routing;
  private LanguageIdentifier identifier;

  LanguageRouter(LanguageRouting routing) {
    this.routing = routing;
  }

  /** Null when {@code language} does not route: every text is read as its one language. */
  static LanguageRouter of(TextLanguage language) {
    return language.isRouted() ? new LanguageRouter(language.routing()) : null;
  }

  LanguageRouting.Route route(CharSequence text) {
    if (identifier == null) {
      identifier = LanguageIdentifier.create();
    }
    return routing.route(identifier.identify(text));
  }
}
