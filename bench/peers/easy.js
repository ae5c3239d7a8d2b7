// easy-template-x: TemplateHandler.process(templateBytes, data) per document.
'use strict';
const { TemplateHandler } = require('easy-template-x');
const handler = new TemplateHandler();
require('./common').main('easy-template-x', (template, data) => handler.process(template, data));
