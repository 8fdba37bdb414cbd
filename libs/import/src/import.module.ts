import { Module } from '@nestjs/common';
import { RecordingModule } from '@sagsspor/recording';
import { ImportMinutesHandler } from './import-minutes';

@Module({ imports: [RecordingModule], providers: [ImportMinutesHandler] })
export class ImportModule {}
