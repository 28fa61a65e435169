import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Cacheable } from '@app/http-caching';
import {
  DEFAULT_RECOMMENDATIONS_LIMIT,
  RecommendationsQueryDto,
} from './dto/recommendations-query.dto';
import { RecommendationsResponseDto } from './dto/recommendations-response.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@Controller('recommendations/products')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get(':productId')
  @Cacheable<RecommendationsResponseDto>('recommendations', (body) =>
    RecommendationsResponseDto.versions(body),
  )
  @ApiOperation({ summary: 'products bought together with this one; never a decommissioned one' })
  @ApiOkResponse({
    type: RecommendationsResponseDto,
    description: 'an empty list for a product no counted order holds',
  })
  @ApiBadRequestResponse({ description: 'productId is not a UUID, or limit is not 1..50' })
  async get(
    @Param('productId', ParseUUIDPipe) productId: string,
    @Query() query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    const limit = query.limit ?? DEFAULT_RECOMMENDATIONS_LIMIT;
    const items = await this.recommendations.forProduct(productId, limit);
    return RecommendationsResponseDto.from(productId, items);
  }
}
