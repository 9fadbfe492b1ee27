/**
 * Which language a text is in, and which model tags it: {@link dev.tagpipe.lang.LanguageIdentifier}
 * (OpenNLP's detector) and {@link dev.tagpipe.lang.LanguageRouting} (the languages that have a
 * model, the fallback, the confidence below which a guess is not trusted).
 */
package dev.tagpipe.lang;
