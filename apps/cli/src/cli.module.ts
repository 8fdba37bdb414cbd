import { Module } from '@nestjs/common';
import { RecordingModule } from '@sagsspor/recording';

@Module({ imports: [RecordingModule] })
export class CliModule {}
