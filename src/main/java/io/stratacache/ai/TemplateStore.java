package io.stratacache.ai;

import java.util.List;
import java.util.Optional;

/** Where templates are kept (the {@code ai_template} table). Implementations are thread-safe. */
interface TemplateStore {

  /** Every template, by id. */
  List<Template> list();

  /** The template with this id, in its current version. */
  Optional<Template> find(String id);

  /**
   * Stores a new template (its version is 1).
   *
   * @return false if a template with its id exists
   */
  boolean create(Template template);

  /**
   * Replaces the template whose current version is {@code template.version() - 1} by {@code
   * template}.
   *
   * @return false if the template is gone or its version moved on (a concurrent update)
   */
  boolean update(Template template);
}
