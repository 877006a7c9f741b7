import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { MessageService } from './message.service.js';
import { letterHtml } from './letter-html.js';
import { letterPdf } from './letter-pdf.js';
import { RenderedMessageType, RenderMessageInput } from './message.types.js';

/** Messages to the tenant (docs/product.md §4 "Simple message"). Rendering reads personal data, so it is a query with a read audit. */
@Resolver(() => RenderedMessageType)
export class MessageResolver {
  constructor(private readonly messageService: MessageService) {}

  @Authorized()
  @Query(() => RenderedMessageType, {
    description:
      'A message to the tenant of a case as a printable letter (HTML and PDF) and SMS text, in the tenant’s language unless another is asked for.',
  })
  renderMessage(
    @Arg('input') input: RenderMessageInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RenderedMessageType> {
    return this.messageService.renderMessage(context, input);
  }

  // The layouts are made only when asked for: the consent dialog asks for the text alone, as often as
  // the choices change, and never pays for a PDF.
  @FieldResolver(() => String, { description: 'A complete, printable HTML document (A4).' })
  letterHtml(@Root() message: RenderedMessageType): string {
    return letterHtml(message.letter, message.locale);
  }

  @FieldResolver(() => String, { description: 'The same letter as an A4 PDF, base64-encoded.' })
  async letterPdfBase64(@Root() message: RenderedMessageType): Promise<string> {
    return (await letterPdf(message.letter, message.locale)).toString('base64');
  }
}
