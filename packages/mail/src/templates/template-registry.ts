import type { Locale, Rendered, Template } from './template.ts';
import { compiledCheck, type ParamError, templateParamErrors } from './template-params.ts';

/**
 * The templates one process can render, by the name stored with each message. Mail knows
 * no template of its own domains: the apps that run workers build the registry from the
 * lists the owning modules export (booking's, identity's, catalog's).
 */
export interface TemplateRegistry {
  /** Each problem in `params` for the named template; an unknown name is one problem. */
  paramErrors(name: string, params: unknown): ParamError[];
  /** Renders a stored message at send time; params were checked when it was enqueued. */
  render(name: string, params: unknown, locale: Locale): Rendered;
  /** Whether staff may not read the stored bodies of the named template's messages. */
  withholdsBody(name: string): boolean;
}

/** Compiles each template's params schema once; two templates under one name are refused. */
export function createTemplateRegistry(templates: Iterable<Template>): TemplateRegistry {
  const byName = new Map<string, Template>();
  for (const template of templates) {
    // a stored message names its template: two under one name would render it by chance
    if (byName.has(template.name)) throw new Error(`Template ${template.name} is registered twice`);
    compiledCheck(template);
    byName.set(template.name, template);
  }
  return {
    paramErrors(name, params) {
      const template = byName.get(name);
      if (!template) return [{ path: '', message: `Unknown template ${name}` }];
      return templateParamErrors(template, params);
    },
    render(name, params, locale) {
      const template = byName.get(name);
      if (!template) throw new Error(`Unknown template ${name}`);
      if (templateParamErrors(template, params).length > 0) throw new Error(`Stored params no longer fit template ${name}`);
      if (template.channel === 'slack') return { channel: 'slack', ...template.render(params as never) };
      const { subject, html, text } = template.render(params as never, locale);
      return { channel: 'email', subject, html: html.value, text };
    },
    withholdsBody(name) {
      const template = byName.get(name);
      return template?.channel === 'email' && template.secretBody === true;
    },
  };
}
