import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { RequeueDeadLettersDto } from './dead-letter-selection.dto';

const selectorOf = (body: object) => plainToInstance(RequeueDeadLettersDto, body).toSelector();

describe('DeadLetterSelectionDto.toSelector', () => {
  it('takes exactly one of ids, filter or all', () => {
    expect(selectorOf({ ids: ['1'] })).toEqual({ ids: ['1'] });
    expect(selectorOf({ filter: { subject: 's' } })).toEqual({
      filter: { destination: undefined, eventType: undefined, subject: 's' },
    });
    expect(selectorOf({ all: true })).toEqual({ all: true });
  });

  it.each([
    ['nothing', {}],
    ['two selectors', { ids: ['1'], all: true }],
    ['an empty filter', { filter: {} }],
    // A null passes the optional-field validation; it must not fall through to "all".
    ['ids: null', { ids: null }],
    ['filter: null', { filter: null }],
    ['ids and filter both null', { ids: null, filter: null }],
  ])('refuses %s with a 400', (_, body) => {
    expect(() => selectorOf(body)).toThrow(BadRequestException);
  });
});
