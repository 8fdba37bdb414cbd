import { Module } from '@nestjs/common';
import { ImportModule } from '@sagsspor/import';
import { RecordingModule } from '@sagsspor/recording';

@Module({ imports: [RecordingModule, ImportModule] })
export class CliModule {}
