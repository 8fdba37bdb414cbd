export { MongoReadModel, type MongoReadModelOptions } from './mongo-read-model';
